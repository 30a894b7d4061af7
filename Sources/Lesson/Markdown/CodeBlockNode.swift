import CCmark

/// A code block of the CommonMark tree, copied out of cmark into Swift values.
///
/// This is the only place that touches cmark: ``scan(_:)`` parses, walks the tree once, copies
/// every code block and frees the C tree before returning. No C pointer leaves this file.
struct CodeBlockNode: Sendable, Hashable {
    /// The block that contains a code block.
    enum Container: Sendable, Hashable {
        case document
        case listItem
        case blockQuote
        case other
    }

    /// The 1-based line of the opening fence (or of the first line of an indented block).
    var startLine: Int
    /// The 1-based byte column where the block starts on `startLine` (the fence character).
    var startByteColumn: Int
    /// The info string as cmark reports it (entities and escapes resolved); empty when none.
    var info: String
    /// The content as cmark reports it: container and fence indentation removed, one `\n` per line.
    var literal: String
    /// The innermost block that contains this one.
    var container: Container

    /// Every code block of a CommonMark document, in document order.
    static func scan(_ bytes: [UInt8]) -> [CodeBlockNode] {
        let document: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
            }
            return cmark_parse_document(base.assumingMemoryBound(to: CChar.self), buffer.count, CMARK_OPT_DEFAULT)
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }

        var blocks: [CodeBlockNode] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
            else { continue }
            blocks.append(
                CodeBlockNode(
                    startLine: Int(cmark_node_get_start_line(node)),
                    startByteColumn: Int(cmark_node_get_start_column(node)),
                    info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
                    literal: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
                    container: container(of: node)
                )
            )
        }
        return blocks
    }

    private static func container(of node: OpaquePointer) -> Container {
        guard let parent = cmark_node_parent(node) else { return .other }
        switch cmark_node_get_type(parent) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_ITEM: return .listItem
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        default: return .other
        }
    }
}
