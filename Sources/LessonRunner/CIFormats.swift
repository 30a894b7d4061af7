/// Renders messages and results in the formats CI systems read (`--format github|junit`).
public enum CIFormats {
    /// A GitHub Actions workflow command for one message (`::error file=…,line=…,col=…::message`).
    public static func githubAnnotation(_ message: RunMessage) -> String {
        var properties = ["file=\(escapeProperty(message.path))"]
        if let line = message.line { properties.append("line=\(line)") }
        if let column = message.column { properties.append("col=\(column)") }
        let command = message.severity == .note ? "notice" : message.severity.rawValue
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message.message))"
    }

    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// A JUnit XML report: one test suite per lesson, one test case per block, failures with their messages.
    public static func junit(_ lessons: [LessonResult]) -> String {
        let tests = lessons.reduce(0) { $0 + max(1, $1.blocks.count) }
        let failures = lessons.reduce(0) { total, lesson in total + lesson.junitCases.filter { $0.failure != nil }.count
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"gradbook\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for lesson in lessons {
            let cases = lesson.junitCases
            let failed = cases.filter { $0.failure != nil }.count
            xml += "  <testsuite name=\"\(escapeXML(lesson.path))\" tests=\"\(cases.count)\" failures=\"\(failed)\">\n"
            for testCase in cases {
                xml += "    <testcase classname=\"\(escapeXML(lesson.path))\" name=\"\(escapeXML(testCase.name))\""
                if let failure = testCase.failure {
                    xml +=
                        ">\n      <failure message=\"\(escapeXML(failure.summary))\">\(escapeXML(failure.details))</failure>\n"
                    xml += "    </testcase>\n"
                } else {
                    xml += "/>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    static func escapeXML(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters; keep tab, newline, carriage return.
                if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" {
                    out += "&#xFFFD;"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
