// libFuzzer target for the lesson layer: read, render diagnostics, strip, splice.
//
// Built by Tests/Fuzz/run.sh against the Lesson module of a fuzzer-instrumented SwiftPM build;
// not part of the package.
//
// An input is a lesson file's bytes, optionally followed by NUL-separated region bodies:
// `LESSON \0 BODY1 \0 BODY2 ...`. Block N gets body N (cycling); without bodies, every block
// gets a typical generated body. The target checks what SPEC §1.3 and §5 promise:
// - reading never crashes; only non-UTF-8 bytes are refused, at a position inside the file;
// - a document with errors is neither stripped nor spliced;
// - strip (unless it refuses because the text would read differently without its regions):
//   no region is left, the blocks are unchanged, stripping again changes nothing;
// - splice: the result reads back without errors, with the same blocks, each with its body;
//   stripping it gives the stripped original (the original itself when it had no regions);
//   splicing the same outputs again changes nothing;
// - a body that is typical generated Markdown (tables, lists, paragraphs, a closed fence)
//   always splices.

import Lesson

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stops the fuzzer on a broken property, with the lesson and the reason on stderr.
func violated(_ what: String, in text: String) -> Never {
    fputs("PROPERTY VIOLATED: \(what)\n--- lesson ---\n\(text.debugDescription)\n--- end ---\n", stderr)
    abort()
}

/// Region bodies shaped like what the report writes.
let typicalBodies = [
    "| expression | value |\n|---|--:|\n| `loss` | 1 |\n",
    "- ✅ `check w.grad = -2`: -2 = -2\n- ❌ `check x = 1`: 2 ≠ 1\n",
    "❌ 3:5: error: unknown name `zz`\\\n↳ note: did you mean `z`?\n",
    "```mermaid\nflowchart LR\n  n1[\"x = 1\"]\n```\n",
    "![mean-l](fuzz.assets/block-1-mean-l.svg)\n",
    "",
    "\n\ntext after blank lines\n\n",
]

func same(_ a: String, _ b: String) -> Bool {
    Array(a.utf8) == Array(b.utf8)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = input.split(separator: 0, omittingEmptySubsequences: false)
    let lessonBytes = Array(parts[0])
    let givenBodies = parts.dropFirst().map { String(decoding: $0, as: UTF8.self) }

    let document: LessonDocument
    do {
        document = try LessonDocument(bytes: lessonBytes)
    } catch {
        guard case .notUTF8(let position, let offset) = error, offset < lessonBytes.count, position.line >= 1,
            position.column >= 1
        else {
            violated("refused with a bad position: \(error)", in: String(decoding: lessonBytes, as: UTF8.self))
        }
        return 0
    }
    let text = document.text
    for diagnostic in document.diagnostics {
        guard diagnostic.line >= 1, diagnostic.line <= max(document.lineCount, 1), diagnostic.column >= 1 else {
            violated("diagnostic outside the file: \(diagnostic)", in: text)
        }
        if document.render(diagnostic, path: "fuzz.md", colors: size % 2 == 0).isEmpty {
            violated("diagnostic renders as nothing: \(diagnostic)", in: text)
        }
    }
    for block in document.blocks {
        for line in [0, 1, 2, 1_000] {
            let position = block.filePosition(line: line, column: line)
            guard block.fenceLines.contains(position.line), position.column >= 1 else {
                violated("block \(block.index) maps line \(line) to \(position)", in: text)
            }
        }
    }

    let outputs = Dictionary(
        uniqueKeysWithValues: document.blocks.map { block in
            let bodies = givenBodies.isEmpty ? typicalBodies : givenBodies
            return (block.index, bodies[(block.index - 1 + size) % bodies.count])
        })
    if document.hasErrors {
        if (try? document.stripped()) != nil { violated("a document with errors was stripped", in: text) }
        if (try? document.spliced(outputs: outputs)) != nil { violated("a document with errors was spliced", in: text) }
        return 0
    }

    let stripped: String
    do {
        stripped = try document.stripped()
    } catch {
        // Refusing is allowed only when removing the regions would change how the file reads.
        guard !document.regions.isEmpty, case .documentHasErrors = error else {
            violated("a document without errors cannot be stripped: \(error)", in: text)
        }
        return 0
    }
    let strippedDocument = LessonDocument(text: stripped)
    guard !strippedDocument.hasErrors, strippedDocument.regions.isEmpty else {
        violated("stripping left regions or errors: \(strippedDocument.diagnostics)", in: text)
    }
    guard strippedDocument.blocks.map(\.source) == document.blocks.map(\.source) else {
        violated("stripping changed the blocks", in: text)
    }
    guard let strippedTwice = try? strippedDocument.stripped(), same(strippedTwice, stripped) else {
        violated("stripping twice differs from stripping once", in: text)
    }
    if document.regions.isEmpty, !same(stripped, text) {
        violated("stripping a document without regions changed it", in: text)
    }

    let spliced: String
    do {
        spliced = try document.spliced(outputs: outputs)
    } catch {
        if givenBodies.isEmpty { violated("typical bodies could not be spliced: \(error)", in: text) }
        return 0
    }
    let reread = LessonDocument(text: spliced)
    guard !reread.hasErrors, reread.blocks.map(\.source) == document.blocks.map(\.source) else {
        violated("the spliced text reads differently: \(reread.diagnostics)\n\(spliced.debugDescription)", in: text)
    }
    guard reread.orphanRegions.isEmpty else { violated("splicing left an orphan region", in: text) }
    guard let strippedSplice = try? reread.stripped(), same(strippedSplice, stripped) else {
        violated("strip(splice(x)) != strip(x)\n\(spliced.debugDescription)", in: text)
    }
    guard let splicedTwice = try? reread.spliced(outputs: outputs), same(splicedTwice, spliced) else {
        violated("splicing twice differs from splicing once\n\(spliced.debugDescription)", in: text)
    }
    return 0
}
