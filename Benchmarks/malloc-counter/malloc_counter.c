// Counts heap allocations for `tariff bench`, loaded with LD_PRELOAD (glibc only):
//
//   cc -shared -fPIC -O2 -o /tmp/libmalloc_counter.so Benchmarks/malloc-counter/malloc_counter.c
//   LD_PRELOAD=/tmp/libmalloc_counter.so tariff bench --rules Benchmarks/peer-rules data/medium.jsonl
//
// Every malloc, calloc, realloc, posix_memalign, aligned_alloc and memalign counts one;
// free counts nothing. The bench finds tariff_malloc_count with dlsym and reports the
// count per account; without the preload it says allocations were not counted.
// Kept out of the Swift package on purpose: no target, no Package.swift change.
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdatomic.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static _Atomic unsigned long long allocations;

static inline void counted(void) { atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed); }

void *malloc(size_t size) { counted(); return __libc_malloc(size); }
void *calloc(size_t count, size_t size) { counted(); return __libc_calloc(count, size); }
void *realloc(void *pointer, size_t size) { counted(); return __libc_realloc(pointer, size); }
void *aligned_alloc(size_t alignment, size_t size) { counted(); return __libc_memalign(alignment, size); }
void *memalign(size_t alignment, size_t size) { counted(); return __libc_memalign(alignment, size); }

int posix_memalign(void **result, size_t alignment, size_t size) {
    counted();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

unsigned long long tariff_malloc_count(void) {
    return atomic_load_explicit(&allocations, memory_order_relaxed);
}
