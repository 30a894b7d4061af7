/// The longest base name (without `.svg`) given to a plot file, so that many long series names
/// still make a valid file name.
let maximumPlotBaseNameLength = 120

/// A logged column's text as it appears in plot file names (SPEC §1.3): every run of characters
/// outside `[A-Za-z0-9_]` becomes one `-`, and leading and trailing `-` are dropped
/// (`mean(l)` → `mean-l`). A name with no such character at all becomes `series`.
public func sanitizedSeriesName(_ name: String) -> String {
    var result = ""
    var pendingDash = false
    for scalar in name.unicodeScalars {
        let isKept =
            (scalar >= "A" && scalar <= "Z") || (scalar >= "a" && scalar <= "z")
            || (scalar >= "0" && scalar <= "9") || scalar == "_"
        if isKept {
            if pendingDash && !result.isEmpty { result += "-" }
            pendingDash = false
            result.unicodeScalars.append(scalar)
        } else {
            pendingDash = true
        }
    }
    return result.isEmpty ? "series" : result
}

/// The file name of a plot (SPEC §1.3): `BLOCK-SERIES.svg`, where several series of one `plot`
/// statement are joined with `-` (`plot l, a` → `block-1-l-a.svg`) and `plot a vs b` gives
/// `BLOCK-a-vs-b.svg`. Very long names are cut to 120 characters before `.svg`.
public func plotFileName(blockName: String, series: [String], versus: String?) -> String {
    var parts = series.map(sanitizedSeriesName)
    if parts.isEmpty { parts = ["series"] }
    var base = blockName + "-" + parts.joined(separator: "-")
    if let versus { base += "-vs-" + sanitizedSeriesName(versus) }
    if base.count > maximumPlotBaseNameLength { base = String(base.prefix(maximumPlotBaseNameLength)) }
    return base + ".svg"
}

/// The folder beside a lesson that holds its plots (SPEC §1.3): `intro.md` → `intro.assets`.
/// Only the last path component counts; its last extension is replaced, and a name without one
/// gets `.assets` appended.
public func assetsFolderName(lessonFileName: String) -> String {
    var base = Substring(lessonFileName)
    if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
    if let dot = base.lastIndex(of: "."), dot != base.startIndex {
        base = base[..<dot]
    }
    return base + ".assets"
}
