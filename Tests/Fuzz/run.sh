#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz and runs each for a bounded time.
#
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]     targets: rules expression snapshot (default: all)
#
# SECONDS (default 60) is each target's -max_total_time. Extra libFuzzer flags can be passed
# in FUZZ_FLAGS (say FUZZ_FLAGS="-runs=1000000"); FUZZ_TIMEOUT (default 25) is the seconds
# one input may take, wall-clock, so generous enough for a machine shared with builds. The build goes to .build-fuzz (FUZZ_OUT
# overrides): the core, YAML and billing modules compiled by swiftc with
# -sanitize=fuzzer,address, libyaml (from the SwiftPM checkout of Yams) by clang. Corpora
# grow in .build-fuzz/corpus/TARGET, crashes land in .build-fuzz/artifacts. Seeds come from
# rules/, examples/ and the test fixtures. Exit status 1 when a target crashed, leaked,
# timed out or did not build.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=(rules expression snapshot); fi
OUT=${FUZZ_OUT:-$ROOT/.build-fuzz}
mkdir -p "$OUT"

# libyaml's C sources: any SwiftPM checkout of Yams will do; resolve one if there is none.
YAMS=""
for candidate in .build/checkouts/Yams .build-*/checkouts/Yams "$OUT/spm/checkouts/Yams"; do
    if [ -f "$candidate/Sources/CYaml/src/parser.c" ]; then YAMS=$candidate; break; fi
done
if [ -z "$YAMS" ]; then
    swift package --scratch-path "$OUT/spm" resolve >/dev/null
    YAMS=$OUT/spm/checkouts/Yams
fi
CYAML=$YAMS/Sources/CYaml

SWIFTFLAGS=(-O -swift-version 6 -sanitize=fuzzer,address -parse-as-library
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault
    -enable-upcoming-feature MemberImportVisibility
    -I "$OUT/modules" -Xcc -I -Xcc "$CYAML/include" -Xcc -DYAML_DECLARE_STATIC)

# Rebuild only when a source changed.
STAMP=$( (find Sources/TariffCore Sources/TariffYAML Sources/TariffBilling Tests/Fuzz -name '*.swift' -print0 | sort -z | xargs -0 cat; echo "$CYAML") | cksum)
if [ "$(cat "$OUT/stamp" 2>/dev/null)" != "$STAMP" ]; then
    echo "fuzz: building into $OUT" >&2
    rm -rf "$OUT/modules" "$OUT/objects"
    mkdir -p "$OUT/modules" "$OUT/objects"
    for source in "$CYAML"/src/*.c; do
        clang -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$CYAML/include" \
            -c "$source" -o "$OUT/objects/cyaml-$(basename "$source" .c).o"
    done
    for module in TariffCore TariffYAML TariffBilling; do
        find "Sources/$module" -name '*.swift' -print0 | sort -z |
            xargs -0 swiftc "${SWIFTFLAGS[@]}" -module-name "$module" -wmo -emit-module \
                -emit-module-path "$OUT/modules/$module.swiftmodule" -c -o "$OUT/objects/$module.o"
    done
    for target in rules expression snapshot; do
        name=$(tr '[:lower:]' '[:upper:]' <<<"${target:0:1}")${target:1}
        swiftc "${SWIFTFLAGS[@]}" -module-name "Fuzz$name" Tests/Fuzz/FuzzSupport.swift "Tests/Fuzz/$name.swift" \
            "$OUT"/objects/*.o -o "$OUT/fuzz-$target" -use-ld=lld
    done
    echo "$STAMP" >"$OUT/stamp"
fi

# Seeds, rebuilt every run from the repository.
SEEDS=$OUT/seeds
rm -rf "$SEEDS"
mkdir -p "$SEEDS/rules" "$SEEDS/expression" "$SEEDS/snapshot"
cp rules/*.yaml "$SEEDS/rules/"
first=1
for file in rules/*.yaml; do
    if [ $first -eq 0 ]; then printf '\n#--8<--\n'; fi
    cat "$file"
    first=0
done >"$SEEDS/rules/all-rules"
find Tests -path '*Fixtures*' -name '*.yaml' -exec cp --backup=numbered {} "$SEEDS/rules/" \;
# Expressions and labels: every value written after a key in the rule files.
n=0
while IFS= read -r value; do
    n=$((n + 1))
    printf '%s' "$value" >"$SEEDS/expression/$n"
done < <(sed -n -E 's/^[[:space:]]*(- )?[a-z_?]+: +(.*[^ ]) *$/\2/p' rules/*.yaml |
    sed -E 's/ +#.*$//; s/^"(.*)"$/\1/' | grep -v -E '^[>|]-?$' | sort -u)
find examples Tests/TariffCLITests Tests/Fuzz/seeds -name '*.yaml' -o -name '*.json' -o -name '*.jsonl' |
    while IFS= read -r file; do cp "$file" "$SEEDS/snapshot/$(echo "$file" | tr '/' '_')"; done

# Swift's lazily initialized globals (the plugin lists, record types) are allocated under
# swift_once and look unreachable to LeakSanitizer; any other leak is a finding.
printf 'leak:swift::threading_impl::once_slow\n' >"$OUT/lsan.supp"

status=0
summary=()
for target in "${TARGETS[@]}"; do
    mkdir -p "$OUT/corpus/$target" "$OUT/artifacts"
    log=$OUT/$target.log
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s" >&2
    set +e
    TARIFF_ROOT=$ROOT LSAN_OPTIONS=suppressions=$OUT/lsan.supp ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$OUT/fuzz-$target" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="${FUZZ_TIMEOUT:-25}" -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$OUT/artifacts/$target-" ${FUZZ_FLAGS:-} \
        "$OUT/corpus/$target" "$SEEDS/$target" >"$log" 2>&1
    code=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [ $code -ne 0 ]; then
        status=1
        summary+=("$target: FAILED (exit $code) after ${runs:-?} executions; see $log")
        grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|artifact_prefix|Test unit written)' "$log" | head -5 >&2 || true
    else
        summary+=("$target: ${runs:-?} executions, no crash")
    fi
done
printf 'fuzz: %s\n' "${summary[@]}"
exit $status
