import Autodiff
import GraphLanguage

/// Hand-made block outcomes shaped like the tour lesson's blocks (shared/examples/tour.md).
///
/// The by-hand numbers are derived by hand (x = 1, y = 2, w = 1: y_hat = 1, s = -1, loss = 1,
/// ∂loss/∂s = 2s = -2, ∂loss/∂w = 2s·x = -2, ∂loss/∂x = 2s·w = -2, ∂loss/∂y = -2s = 2); the training
/// losses were printed by PyTorch (References/sample_runs.py).
enum SampleOutcomes {
    static func f32(_ x: Double) -> Value { Value(scalar: Double(Float(x)), dtype: .f32) }
    static func f64(_ x: Double) -> Value { Value(scalar: x, dtype: .f64) }
    static func range(_ line: Int, _ column: Int = 1, length: Int = 10) -> SourceRange {
        SourceRange(
            start: SourcePosition(line: line, column: column), end: SourcePosition(line: line, column: column + length))
    }

    /// `check loss = 1`, passing.
    static let passingCheck = CheckResult(
        text: "loss = 1", links: [.init(text: "loss", value: f32(1)), .init(text: "1", value: f32(1))],
        comparison: nil, passed: true, firstBrokenLink: nil, absoluteTolerance: 1e-6, relativeTolerance: 1e-5,
        range: range(9))

    /// The tour's `by-hand` block: show, three checks, trace and diagram.
    static let byHand = BlockOutcome(outputs: [
        .show(
            ShowTable(
                rows: [.init(expression: "loss", value: f32(1)), .init(expression: "w.grad", value: f32(-2))],
                range: range(8))),
        .check(passingCheck),
        .check(
            CheckResult(
                text: "d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w) = 2*s * 1 * x = -2",
                links: [
                    .init(text: "d(loss)/d(w)", value: f32(-2)),
                    .init(text: "d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w)", value: f32(-2)),
                    .init(text: "2*s * 1 * x", value: f32(-2)),
                    .init(text: "-2", value: f32(-2)),
                ],
                comparison: nil, passed: true, firstBrokenLink: nil, absoluteTolerance: 1e-6, relativeTolerance: 1e-5,
                range: range(10))),
        .check(
            CheckResult(
                text: "∂loss/∂s = 2*s = -2",
                links: [
                    .init(text: "∂loss/∂s", value: f32(-2)), .init(text: "2*s", value: f32(-2)),
                    .init(text: "-2", value: f32(-2)),
                ],
                comparison: nil, passed: true, firstBrokenLink: nil, absoluteTolerance: 1e-6, relativeTolerance: 1e-5,
                range: range(13))),
        .trace(
            Trace(
                output: "loss",
                rows: [
                    .init(node: "x", operation: "input", value: f32(1), localGradients: [], gradient: f32(-2)),
                    .init(node: "w", operation: "param", value: f32(1), localGradients: [], gradient: f32(-2)),
                    .init(
                        node: "y_hat", operation: "w * x", value: f32(1),
                        localGradients: [
                            .init(of: "y_hat", wrt: "w", formula: "x", value: f32(1)),
                            .init(of: "y_hat", wrt: "x", formula: "w", value: f32(1)),
                        ], gradient: f32(-2)),
                    .init(node: "y", operation: "input", value: f32(2), localGradients: [], gradient: f32(2)),
                    .init(
                        node: "s", operation: "y_hat - y", value: f32(-1),
                        localGradients: [
                            .init(of: "s", wrt: "y_hat", formula: "1", value: f32(1)),
                            .init(of: "s", wrt: "y", formula: "-1", value: f32(-1)),
                        ], gradient: f32(-2)),
                    .init(
                        node: "loss", operation: "s^2", value: f32(1),
                        localGradients: [
                            .init(of: "loss", wrt: "s", formula: "2*s", value: f32(-2))
                        ], gradient: f32(1)),
                ], range: range(14))),
        .diagram(
            Diagram(
                output: "loss",
                values: [
                    .init(id: "x", name: "x", value: f32(1), gradient: f32(-2)),
                    .init(id: "w", name: "w", value: f32(1), gradient: f32(-2)),
                    .init(id: "y_hat", name: "y_hat", value: f32(1), gradient: f32(-2)),
                    .init(id: "y", name: "y", value: f32(2), gradient: f32(2)),
                    .init(id: "s", name: "s", value: f32(-1), gradient: f32(-2)),
                    .init(id: "loss", name: "loss", value: f32(1), gradient: f32(1)),
                ],
                operations: [
                    .init(id: "mul", label: "*", inputs: ["w", "x"], output: "y_hat"),
                    .init(id: "sub", label: "-", inputs: ["y_hat", "y"], output: "s"),
                    .init(id: "sq", label: "^2", inputs: ["s"], output: "loss"),
                ], range: range(15))),
    ])

    /// The losses of the tour's `momentum` block (SGD, lr 0.1, momentum 0.9, on (w - 2)^2 from
    /// w = 5), as PyTorch printed them in float32.
    static let momentumLosses: [Double] = [
        9.0, 5.760000228881836, 1.90440034866333, 0.0345960408449173, 0.857105553150177, 3.0319864749908447,
        4.523796558380127, 4.196898460388184, 2.4600260257720947, 0.6766539216041565, 0.00017422859673388302,
        0.5818183422088623, 1.650787115097046, 2.243156671524048, 1.9314674139022827, 1.0295506715774536,
        0.2248086780309677, 0.011483898386359215, 0.37076276540756226, 0.881135880947113,
    ]

    /// The tour's `momentum` block: `log i, l` in a loop of 20, `plot l`, two checks.
    static let momentum = BlockOutcome(outputs: [
        .log(
            LogTable(
                columns: ["i", "l"],
                rows: momentumLosses.indices.map { [f32(Double($0)), f32(momentumLosses[$0])] },
                range: range(7))),
        .plot(Plot(series: [.init(name: "l", values: momentumLosses)], versus: nil, range: range(8))),
        .check(
            CheckResult(
                text: "w = 0.952242374420166",
                links: [
                    .init(text: "w", value: f32(0.952242374420166)),
                    .init(text: "0.952242374420166", value: f32(0.952242374420166)),
                ],
                comparison: nil, passed: true, firstBrokenLink: nil, absoluteTolerance: 1e-6, relativeTolerance: 1e-5,
                range: range(9))),
        .check(
            CheckResult(
                text: "l = 0.881135880947113",
                links: [
                    .init(text: "l", value: f32(0.881135880947113)),
                    .init(text: "0.881135880947113", value: f32(0.881135880947113)),
                ],
                comparison: nil, passed: true, firstBrokenLink: nil, absoluteTolerance: 1e-6, relativeTolerance: 1e-5,
                range: range(10))),
    ])

    /// The losses of the tour's `adam` block (f64, lr 0.1, 300 steps), as PyTorch printed them.
    static let adamLosses: [Double] = [
        57.0, 46.1700000027, 36.517604854623144, 28.056727889938337, 20.790316029023057, 14.707543364507838,
        9.78073482036076, 5.962254155220416, 3.181771100952196, 1.3445282969052084, 0.33139418137342463,
        0.0015009388841171333, 0.19799950647314954, 0.7568556661353787, 1.5177699341156132, 2.3355350592860065,
        3.0898241229239423, 3.691732809517285, 4.086250699363066, 4.250822872493223, 4.190899020637991,
        3.93367472295399, 3.5211613798342967, 3.0034476780957977, 2.4327004006956607, 1.8581934276819434,
        1.3224814619095668, 0.8587383046761968, 0.4892309361875945, 0.2248722442535588, 0.065766155326256,
        0.002618397945788516, 0.018834022021728517, 0.09306823432486752, 0.2019550182301552, 0.32272369260898215,
        0.43543676496311756, 0.5246431250650059, 0.5803285526247217, 0.598143659751162, 0.5789796719383029,
        0.5280309793188384, 0.45352326810205923, 0.365297244533533, 0.27342520326958375, 0.18700774189497618,
        0.11325753424445303, 0.05693194924188674, 0.020130980612411392, 0.0024351722913317046, 0.0013232726517167172,
        0.012784127089949226, 0.03202403400183393, 0.05417046046529913, 0.07488502340770807, 0.0908206205334034,
        0.09988574895492486, 0.10130886312317554, 0.09552272434187263, 0.08390961525646295, 0.06846094707326827,
        0.05140858700134163, 0.03488091426459983, 0.020625885034429373, 0.009828532069068025, 0.0030338235993172774,
        0.00017002068513229085, 0.000654595606632043, 0.003555834885617807, 0.007779186008974031,
        0.012248214802895313, 0.016055031873957418, 0.01856299806250835, 0.019453902477374947, 0.018721055685239525,
        0.016617498855079717, 0.013573838983459643, 0.010102619178382998, 0.006705661183142232, 0.003797941480164682,
        0.0016570470622022143, 0.0004020105476728792, 2.445945841858223e-07, 0.0002971373751225318,
        0.0010601502046514865, 0.002028202689574815, 0.0029576780979140007, 0.0036582251802933377,
        0.004014198965570133, 0.003990529017294592, 0.0036245136272215457, 0.0030071052067455165,
        0.0022584296295672856, 0.001502504591750174, 0.0008454900295590817, 0.0003605454723321608,
        8.07852564589832e-05, 2.254731492383437e-07, 8.127742956651695e-05, 0.0002664507506469052,
        0.0004915718661659842, 0.0006979837367826906, 0.0008417667835270136, 0.0008988485739357652,
        0.0008657690683367014, 0.0007566708002341674, 0.0005976621509899923, 0.000419987732725076,
        0.00025342576286832894, 0.00012106573836806394, 3.6186583158807426e-05, 1.4590904617257456e-06,
        1.0236555172034143e-05, 4.935237362064692e-05, 0.00010265893243566113, 0.0001545278800507578,
        0.00019266458405840683, 0.0002098221147888997, 0.00020427373336419526, 0.00017915992500571072,
        0.00014102056928205794, 9.79276460039673e-05, 5.764284279893384e-05, 2.6150663568521225e-05,
        6.7881163473080485e-06, 4.041478660160199e-08, 3.931171201286705e-06, 1.4831047641019077e-05,
        2.845549935325445e-05, 4.0822560346994414e-05, 4.8987124548070354e-05, 5.1442778199328504e-05,
        4.8166543971081835e-05, 4.035755449061505e-05, 2.9973884707853732e-05, 1.9195374511996876e-05,
        9.934177274304487e-06, 3.4849140134104254e-06, 3.6254349710302837e-07, 3.2953376713336223e-07,
        2.574628556733003e-06, 5.980388688263128e-06, 9.408689116609418e-06, 1.1941396350545022e-05,
        1.3033297042171959e-05, 1.2559954140448596e-05, 1.0768229858340304e-05, 8.156536792409675e-06,
        5.32229243633599e-06, 2.814778658859225e-06, 1.024051936332235e-06, 1.236649097004256e-07,
        7.037339539614848e-08, 6.511348938794704e-07, 1.5590610086854695e-06, 2.476759518180111e-06,
        3.1475167576757418e-06, 3.4207358605143855e-06, 3.266010292818093e-06, 2.758095969632189e-06,
        2.04111990190108e-06, 1.2835767367889106e-06, 6.357686905831341e-07, 1.988239516759428e-07,
        1.0277487273781202e-08, 4.6616349706226333e-08, 2.392829715902013e-07, 4.98168611725113e-07,
        7.359362946397188e-07, 8.874555121569837e-07, 9.207251338495214e-07, 8.382367668356124e-07,
        6.701163978640708e-07, 4.620584157090207e-07, 2.617620686177849e-07, 1.0729636158592784e-07,
        1.9783527994641913e-08, 1.3699963968527096e-09, 3.8044206818648674e-08, 1.057922629246792e-07,
        1.7805067001455166e-07, 2.3245705211984273e-07, 2.554096347156317e-07, 2.4372518999666194e-07,
        2.0350231508371578e-07, 1.469502554105755e-07, 8.830333852224198e-08, 3.996967696169507e-08,
        9.808496605718687e-09, 2.125119608494604e-12, 7.519535333845527e-09, 2.5779585786492227e-08,
        4.689534135970123e-08, 6.38445739686131e-08, 7.20427447855019e-08, 7.003301460815641e-08,
        5.927622988648658e-08, 4.3250749989752113e-08, 2.620793988051633e-08, 1.1955527343182252e-08,
        2.969650419985372e-09, 1.6548607182652823e-12, 2.1921186631955942e-09, 7.574091445778374e-09,
        1.3769251188775476e-08, 1.866564685172623e-08, 2.090705793800367e-08, 2.0101687388792493e-08,
        1.674590975635826e-08, 1.1932814581988983e-08, 6.958654750675231e-09, 2.9470416466534095e-09,
        5.852896758871117e-10, 2.1746458615405583e-11, 9.225027168918258e-10, 2.6445238033742983e-09,
        4.459238999124683e-09, 5.758872681358673e-09, 6.194151361799507e-09, 5.719091720869173e-09,
        4.547400508751423e-09, 3.0476737774231975e-09, 1.616112379895263e-09, 5.647033748875916e-10,
        5.2053416304271446e-11, 6.788111571912085e-11, 4.65838645803142e-10, 1.0272524330094065e-09,
        1.5330738847517567e-09, 1.8230850725535853e-09, 1.828531086169434e-09, 1.5739988793690598e-09,
        1.1534776395159557e-09, 6.917252726681226e-10, 3.04139701778604e-10, 6.642942714986753e-11,
        6.997304566510856e-13, 7.888173273537036e-11, 2.394737056522e-10, 4.1058264039419883e-10,
        5.31735915709436e-10, 5.685988333215519e-10, 5.177447381449475e-10, 4.0190901368468513e-10,
        2.58750715008989e-10, 1.274382487234789e-10, 3.722881850123821e-11, 9.144478149945444e-13,
        1.4124464356321032e-11, 5.963908236150909e-11, 1.1459334351120888e-10, 1.5800110604508866e-10,
        1.7639061357398547e-10, 1.6627311149639794e-10, 1.3329985850404703e-10, 8.894033084392593e-11,
        4.608153839918465e-11, 1.501272136534434e-11, 8.896206593395137e-13, 3.1502043521846403e-12,
        1.6703262516173156e-11, 3.4226536025612405e-11, 4.870449423973659e-11, 5.5419624104020525e-11,
        5.291035504507229e-11, 4.279845834453137e-11, 2.873877610974811e-11, 1.4958308519341717e-11,
        4.890405187779732e-12, 2.9206850254846686e-13, 1.0202202811335754e-12, 5.415582861366087e-12,
        1.107078447777406e-11, 1.5684118701389703e-11, 1.7727693220139915e-11, 1.676250257006781e-11,
        1.3368812156984496e-11, 8.781735048544139e-12, 4.394921353892855e-12, 1.3062518649879376e-12,
        3.5822292147356917e-14, 4.710424868039559e-13, 2.0148236415321203e-12, 3.8551705721942445e-12,
        5.2519209133714604e-12, 5.749658782638035e-12, 5.26465443748526e-12, 4.041678724491706e-12,
        2.517358204809656e-12, 1.1490555188811427e-12, 2.6842416948903954e-13, 6.149155192733295e-16,
        2.624368357316427e-13, 8.258504986823101e-13, 1.4152376424724735e-12, 1.801967085681675e-12,
        1.8671229839616226e-12, 1.6184336317032852e-12, 1.1643120008597144e-12, 6.608956957838981e-13,
    ]

    /// The tour's `adam` block: `log l` for 300 steps (a truncated table), `plot l` on a log scale,
    /// a comparison check and a gradcheck.
    static let adam = BlockOutcome(outputs: [
        .log(LogTable(columns: ["l"], rows: adamLosses.map { [f64($0)] }, range: range(10))),
        .plot(Plot(series: [.init(name: "l", values: adamLosses)], versus: nil, range: range(11))),
        .check(
            CheckResult(
                text: "l < 1e-12",
                links: [.init(text: "l", value: f64(adamLosses[299])), .init(text: "1e-12", value: f64(1e-12))],
                comparison: .less, passed: true, firstBrokenLink: nil, absoluteTolerance: 1e-12,
                relativeTolerance: 1e-9,
                range: range(15))),
        .gradcheck(
            GradcheckResult(
                text: "mean((a*x^2 + b*x + c - y)^2) wrt a, b, c", passed: true, maxRelativeError: 3.1e-10,
                inputNames: ["a", "b", "c"], inputErrors: [1.2e-10, 3.1e-10, 2.4e-11], tolerance: 1e-6, range: range(16)
            )),
    ])

    /// The tour's second block with a wrong hand derivation: w is 1.02 after one SGD step, the
    /// author wrote 1.03.
    static let wrongDerivation = BlockOutcome(outputs: [
        .check(
            CheckResult(
                text: "w = 1.03", links: [.init(text: "w", value: f32(1.02)), .init(text: "1.03", value: f32(1.03))],
                comparison: nil, passed: false, firstBrokenLink: 1, absoluteTolerance: 1e-6, relativeTolerance: 1e-5,
                range: range(5))),
        .check(
            CheckResult(
                text: "w.grad = 2*(w*x - y)*x",
                links: [.init(text: "w.grad", value: f32(-1.96)), .init(text: "2*(w*x - y)*x", value: f32(-1.96))],
                comparison: nil, passed: true, firstBrokenLink: nil, absoluteTolerance: 1e-6, relativeTolerance: 1e-5,
                range: range(6))),
    ])

    /// The tour's last block, which must fail: a non-scalar backward without a gradient.
    static let mustFail = BlockOutcome(
        error: Diagnostic(
            message: "backward of a 2×2 value needs a gradient of the same shape, e.g. `backward r, ones(2, 2)`",
            range: range(3, 1, length: 10)))

    /// Two series in one chart: a loss and its running mean, against the step.
    static let twoSeries = Plot(
        series: [
            .init(name: "l", values: momentumLosses),
            .init(
                name: "mean(l)",
                values: momentumLosses.indices.map { i in
                    momentumLosses[0...i].reduce(0, +) / Double(i + 1)
                }),
        ],
        versus: nil, range: range(9))

    /// Plain SGD (lr 0.1) on (w - 2)^2 from w = 5 in f64, 30 steps: `log w, w.grad` before each
    /// step, then `plot w, w.grad` (two series on a linear scale). The values follow the block's own
    /// arithmetic, w.grad = 2*(w - 2) and w -= 0.1 * w.grad, so w - 2 = 3 · 0.8^k up to rounding.
    static let sgdSteps: [(w: Double, grad: Double)] = {
        var w = 5.0
        var steps: [(w: Double, grad: Double)] = []
        for _ in 0..<30 {
            let grad = 2 * (w - 2)
            steps.append((w, grad))
            w -= 0.1 * grad
        }
        return steps
    }()

    static let sgd = BlockOutcome(outputs: [
        .log(
            LogTable(
                columns: ["w", "w.grad"], rows: sgdSteps.map { [f64($0.w), f64($0.grad)] }, range: range(5))),
        .plot(
            Plot(
                series: [
                    .init(name: "w", values: sgdSteps.map(\.w)), .init(name: "w.grad", values: sgdSteps.map(\.grad)),
                ],
                versus: nil, range: range(7))),
    ])
}
