import TariffCore

/// Finds tab characters in indentation before libyaml sees the text.
///
/// libyaml rejects such a tab with "found character that cannot start any token", often
/// on a later line, and stops at the first; reading the raw text lets every tab line be
/// reported at the tab itself.
enum TabScanner {
    /// The first tab in the leading whitespace of each line that holds more than
    /// whitespace. Blank lines are ignored: a tab there changes nothing.
    ///
    /// - Complexity: O(*n*).
    static func tabsInIndentation(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> [SourcePosition] {
        guard bytes.contains(0x09) else { return [] }
        let locator = TextLocator(file: file, breaks: .yaml)
        var found: [SourcePosition] = []
        var line = 1
        var index = 0
        while index < bytes.count {
            var column = 1
            var tabColumn: Int?
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
                if bytes[index] == 0x09, tabColumn == nil { tabColumn = column }
                column += 1
                index += 1
            }
            let blank = index >= bytes.count || locator.breakLength(at: index, in: bytes) > 0
            if let tabColumn, !blank {
                found.append(SourcePosition(file: file, line: line, column: tabColumn))
            }
            while index < bytes.count {
                let length = locator.breakLength(at: index, in: bytes)
                if length > 0 {
                    index += length
                    break
                }
                index += 1
            }
            line += 1
        }
        return found
    }
}
