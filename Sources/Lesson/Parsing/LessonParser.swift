/// Reads a lesson file: front matter, then cmark's code blocks, output regions, `graph` blocks.
struct LessonParser {
    let source: SourceText
    private(set) var diagnostics: [LessonDiagnostic] = []
    /// The file column of each block's `name=` option, by block index.
    private var nameColumns: [Int: Int] = [:]

    init(source: SourceText) {
        self.source = source
    }

    /// A code block of cmark's tree with the file lines it covers.
    private struct CodeBlock {
        var node: CodeBlockNode
        /// The lines of `literal`, without their `\n`.
        var literalLines: [Substring]
        /// The file lines from the opening fence (or first line) to the last content line.
        var lines: ClosedRange<Int>
        var firstInfoWord: Substring { node.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "" }
    }

    mutating func parse() -> (frontMatter: FrontMatter, blocks: [GraphBlock], regions: [OutputRegion]) {
        let (frontMatter, frontMatterDiagnostics) = FrontMatter.parse(source)
        diagnostics += frontMatterDiagnostics
        let firstBodyLine = (frontMatter.lines?.upperBound ?? 0) + 1

        let codeBlocks = CodeBlockNode.scan(markdownBytes(hiding: frontMatter.lines)).map(codeBlock)
        var insideCode = Set<Int>()
        for block in codeBlocks { insideCode.formUnion(block.lines) }
        var regions = scanRegions(from: firstBodyLine, skipping: insideCode)

        var blocks: [GraphBlock] = []
        for block in codeBlocks {
            if regions.contains(where: { $0.lines.contains(block.node.startLine) }) {
                continue  // generated output, not the author's
            }
            let word = block.firstInfoWord
            if word != "graph" {
                warnIfMisspelt(word, block)
                continue
            }
            guard block.node.container == .document else {
                warnNested(block)
                continue
            }
            blocks.append(graphBlock(block, index: blocks.count + 1))
        }

        // A region belongs to the block it follows with only blank lines between.
        for position in blocks.indices {
            let closing = blocks[position].fenceLines.upperBound
            var next = closing + 1
            while next <= source.lineCount, source.isBlank(line: next) { next += 1 }
            if let owned = regions.firstIndex(where: { $0.lines.lowerBound == next }) {
                regions[owned].blockIndex = blocks[position].index
                blocks[position].region = regions[owned]
            }
        }
        checkNamesAreUnique(blocks)
        return (frontMatter, blocks, regions)
    }

    /// The bytes cmark reads: the file with the front matter lines blanked (one space each), so
    /// that `---` and YAML do not become Markdown while every line keeps its number. (Emptied
    /// lines would not do: a lone `\r` ending one line and the `\n` ending the next, with nothing
    /// left between them, read as one `\r\n` and every later line number would be off by one.)
    private func markdownBytes(hiding frontMatterLines: ClosedRange<Int>?) -> [UInt8] {
        guard let frontMatterLines else { return source.bytes }
        var bytes = Array(source.bytes[..<source.byteOrderMarkLength])
        for (offset, line) in source.lines.enumerated() {
            if frontMatterLines.contains(offset + 1) {
                bytes.append(UInt8(ascii: " "))
                bytes += source.bytes[line.contentEnd..<line.end]
            } else {
                bytes += source.bytes[line.start..<line.end]
            }
        }
        return bytes
    }

    /// The file lines a code block covers, from cmark's start line and its literal.
    ///
    /// cmark's end positions are unreliable for blocks closed by their container (a block
    /// quote or list item), so the extent is counted from the literal's lines instead.
    private func codeBlock(_ node: CodeBlockNode) -> CodeBlock {
        var literalLines = node.literal.split(separator: "\n", omittingEmptySubsequences: false)
        if literalLines.last == "" { literalLines.removeLast() }
        let startText = source.content(ofLine: node.startLine).dropFirst(node.startByteColumn - 1)
        let fence = startText.prefix { $0 == startText.first && ($0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~")) }
        let firstLiteralLine = literalLines.first.map { Array($0.utf8) }
        let isFenced = !node.info.isEmpty || (fence.count >= 3 && firstLiteralLine != Array(startText))
        let lastLine = node.startLine + literalLines.count - (isFenced ? 0 : 1)
        return CodeBlock(
            node: node, literalLines: literalLines, lines: node.startLine...max(node.startLine, lastLine))
    }

    /// Finds `<!-- gradbook:begin -->` / `<!-- gradbook:end -->` lines outside code blocks.
    private mutating func scanRegions(from firstLine: Int, skipping insideCode: Set<Int>) -> [OutputRegion] {
        var regions: [OutputRegion] = []
        var openLine: Int?
        guard firstLine <= source.lineCount else { return [] }
        for number in firstLine...source.lineCount where !insideCode.contains(number) {
            let text = source.string(ofLine: number)
            let trimmed = text.trimmingWhitespace()
            let column = text.prefix(while: \.isYAMLSpace).count + 1
            if trimmed == OutputRegion.beginMarker {
                if let begin = openLine {
                    error(
                        "output region opened on line \(begin) has no `\(OutputRegion.endMarker)` before this "
                            + "new `\(OutputRegion.beginMarker)`; add the end marker (the file is not written "
                            + "until regions are complete)",
                        line: number, column: column, length: trimmed.count)
                }
                openLine = number
            } else if trimmed == OutputRegion.endMarker {
                guard let begin = openLine else {
                    error(
                        "`\(OutputRegion.endMarker)` without a `\(OutputRegion.beginMarker)` before it; remove "
                            + "it or add the begin marker (the file is not written until regions are complete)",
                        line: number, column: column, length: trimmed.count)
                    continue
                }
                openLine = nil
                let body = (begin + 1..<number).map { source.string(ofLine: $0) + "\n" }.joined()
                regions.append(OutputRegion(lines: begin...number, body: body, blockIndex: nil))
            }
        }
        if let begin = openLine {
            let text = source.string(ofLine: begin)
            error(
                "output region has no `\(OutputRegion.endMarker)`; add it after the generated output "
                    + "(the file is not written until regions are complete)",
                line: begin, column: text.prefix(while: \.isYAMLSpace).count + 1,
                length: OutputRegion.beginMarker.count)
        }
        return regions
    }

    /// Builds a top-level `graph` block: options, source, extent, column offsets.
    private mutating func graphBlock(_ block: CodeBlock, index: Int) -> GraphBlock {
        let line = block.node.startLine
        let text = source.content(ofLine: line)
        let indentation = block.node.startByteColumn - 1
        let afterIndentation = text.dropFirst(indentation)
        let fenceCharacter = afterIndentation.first ?? UInt8(ascii: "`")
        let fenceLength = afterIndentation.prefix { $0 == fenceCharacter }.count
        let infoStart = indentation + fenceLength

        // The info string's words with their file columns; the first is `graph`.
        var words: [GraphBlockOptions.Word] = []
        var wordStart: Int?
        let infoBytes = Array(text.dropFirst(infoStart))
        for offset in 0...infoBytes.count {
            let isSpace =
                offset == infoBytes.count || infoBytes[offset] == UInt8(ascii: " ")
                || infoBytes[offset] == UInt8(ascii: "\t")
            if isSpace, let start = wordStart {
                words.append(
                    GraphBlockOptions.Word(
                        text: String(decoding: infoBytes[start..<offset], as: UTF8.self),
                        column: source.characterColumn(line: line, byteOffset: infoStart + start)))
                wordStart = nil
            } else if !isSpace, wordStart == nil {
                wordStart = offset
            }
        }
        nameColumns[index] = words.first { $0.text.hasPrefix("name=") }?.column
        let (options, optionDiagnostics) = GraphBlockOptions.parse(Array(words.dropFirst()), line: line)
        diagnostics += optionDiagnostics

        let closing = line + block.literalLines.count + 1
        let isClosed =
            closing <= source.lineCount && isClosingFence(closing, character: fenceCharacter, length: fenceLength)
        if !isClosed {
            let fence = String(repeating: Character(Unicode.Scalar(fenceCharacter)), count: fenceLength)
            error(
                "graph block has no closing fence; it runs to the end of the file (add a line \(fence) "
                    + "after its last line)",
                line: line, column: source.characterColumn(line: line, byteOffset: indentation),
                length: fenceLength)
        }

        var columnOffsets: [Int] = []
        for (offset, literalLine) in block.literalLines.enumerated() {
            columnOffsets.append(columnOffset(fileLine: line + 1 + offset, literalLine: Array(literalLine.utf8)))
        }
        return GraphBlock(
            index: index, options: options,
            info: String(decoding: infoBytes, as: UTF8.self).trimmingWhitespace(),
            source: block.literalLines.map { $0 + "\n" }.joined(),
            fenceLines: line...(isClosed ? closing : max(line, closing - 1)), region: nil,
            columnOffsets: columnOffsets)
    }

    /// A closing fence: at most 3 spaces, at least `length` fence characters, then only spaces.
    private func isClosingFence(_ number: Int, character: UInt8, length: Int) -> Bool {
        let text = source.content(ofLine: number)
        let indentation = text.prefix { $0 == UInt8(ascii: " ") }.count
        guard indentation <= 3 else { return false }
        let rest = text.dropFirst(indentation)
        let run = rest.prefix { $0 == character }.count
        return run >= length
            && rest.dropFirst(run).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// How many characters of file line `fileLine` come before the text of `literalLine`.
    ///
    /// cmark removes up to the fence's indentation from each line; when that splits a tab,
    /// the rest of the tab becomes spaces, so the lines are aligned on their common ending.
    private func columnOffset(fileLine: Int, literalLine: [UInt8]) -> Int {
        let fileText = Array(source.content(ofLine: fileLine))
        var common = 0
        while common < fileText.count, common < literalLine.count,
            fileText[fileText.count - 1 - common] == literalLine[literalLine.count - 1 - common]
        {
            common += 1
        }
        let fileCharacters = String(decoding: fileText[..<(fileText.count - common)], as: UTF8.self).count
        let literalCharacters = String(decoding: literalLine[..<(literalLine.count - common)], as: UTF8.self).count
        return fileCharacters - literalCharacters
    }

    private mutating func warnNested(_ block: CodeBlock) {
        let place =
            switch block.node.container {
            case .listItem: "in a list item"
            case .blockQuote: "in a block quote"
            default: "inside another block"
            }
        diagnostics.append(
            LessonDiagnostic(
                severity: .warning,
                message: "graph block \(place) is not run; only top-level graph blocks run "
                    + "(move it out to column 1 to run it)",
                line: block.node.startLine, column: fenceColumn(block), length: 3))
    }

    /// A code block whose language is one edit away from `graph` (`grpah`, `Graph`) is not silently skipped.
    private mutating func warnIfMisspelt(_ word: Substring, _ block: CodeBlock) {
        guard !word.isEmpty, Suggestion.editDistance(Array(word.lowercased()), Array("graph")) <= 1 else { return }
        diagnostics.append(
            LessonDiagnostic(
                severity: .warning,
                message: "code block language `\(word)` is not `graph`, so the block is not run; "
                    + "did you mean `graph`?",
                line: block.node.startLine, column: fenceColumn(block), length: 3))
    }

    private func fenceColumn(_ block: CodeBlock) -> Int {
        source.characterColumn(line: block.node.startLine, byteOffset: block.node.startByteColumn - 1)
    }

    /// Two blocks with the same name would write the same plot files.
    private mutating func checkNamesAreUnique(_ blocks: [GraphBlock]) {
        var firstLine: [String: Int] = [:]
        for block in blocks {
            let line = block.fenceLines.lowerBound
            if let first = firstLine[block.name] {
                let column = nameColumns[block.index]
                error(
                    "block name `\(block.name)` is already used by the graph block on line \(first); "
                        + "names must differ (they name plot files): choose another `name=`",
                    line: line, column: column ?? fenceColumn(line: line),
                    length: column == nil ? 3 : "name=".count + block.name.count)
            } else {
                firstLine[block.name] = line
            }
        }
    }

    private func fenceColumn(line: Int) -> Int {
        source.string(ofLine: line).prefix(while: \.isYAMLSpace).count + 1
    }

    private mutating func error(_ message: String, line: Int, column: Int, length: Int? = nil) {
        diagnostics.append(LessonDiagnostic(message: message, line: line, column: column, length: length))
    }
}
