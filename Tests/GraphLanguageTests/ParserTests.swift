import Testing

@testable import GraphLanguage

/// The graph blocks of the tour parse into the trees written out by hand below.
@Suite struct ParsingTourTests {
    @Test func byHand() throws {
        #expect(
            try sExpressions(TourBlocks.byHand) == """
                (= x 1)
                (= y 2)
                (param w 1)
                (= y_hat (* w x))
                (= s (- y_hat y))
                (= loss (^ s 2))
                (backward loss)
                (show loss (.grad w))
                (check = loss 1)
                (check = (d loss w) (* (* (d loss s) (d s y_hat)) (d y_hat w)) (* (* (* 2 s) 1) x) (neg 2))
                (check = (d loss s) (* 2 s) (neg 2))
                (trace loss)
                (diagram loss)
                """)
    }

    @Test func notebookScope() throws {
        #expect(
            try sExpressions(TourBlocks.notebookScope) == """
                (-= w (* 0.01 (.grad w)))
                (zero_grad)
                (= loss (^ (- (* w x) y) 2))
                (backward loss)
                (check = w 1.02)
                (check = (.grad w) (* (* 2 (- (* w x) y)) x))
                """)
    }

    @Test func nonScalarBackwardAndSecondDerivatives() throws {
        #expect(
            try sExpressions(TourBlocks.nonScalarBackward) == """
                (param a [2 3])
                (param b [6 4])
                (= Q (- (* 3 (^ a 3)) (^ b 2)))
                (backward Q [1 1])
                (check = (.grad a) (* 9 (^ a 2)) [36 81])
                (check = (.grad b) (* (neg 2) b) [(neg 12) (neg 8)])
                (param t 0)
                (= f (+ (- (^ t 2) (* 2 t)) 1))
                (check = (d f t) (- (* 2 t) 2) (neg 2))
                (check = (d (d f t) t) 2)
                (check = (d f t) (neg 2))
                """)
    }

    @Test func momentum() throws {
        #expect(
            try sExpressions(TourBlocks.momentum) == """
                (param w 5)
                (for (i) (range 20) (= l (^ (- w 2) 2)) (backward l) (step sgd lr=0.1 momentum=0.9) (log i l))
                (plot 'l')
                (check = w 0.952242374420166)
                (check = l 0.881135880947113)
                """)
    }

    @Test func adam() throws {
        let quadratic = "(mean (^ (- (+ (+ (* a (^ x 2)) (* b x)) c) y) 2))"
        #expect(
            try sExpressions(TourBlocks.adam) == """
                (= x [0 1 2 3])
                (= y [1 3 7 13])
                (param a 0)
                (param b 0)
                (param c 0)
                (for (i) (range 300) (= l \(quadratic)) (backward l) (step adam lr=0.1) (log l))
                (check = a 0.9999999333008083)
                (check = b 0.9999999332597571)
                (check = c 0.9999999333049745)
                (check < l 1e-12)
                (gradcheck \(quadratic) wrt a b c)
                """)
    }

    @Test func rowsZipReductionsLosses() throws {
        #expect(
            try sExpressions(TourBlocks.rowsZipLosses) == """
                (= X [[1 2] [3 4]])
                (param v [0.5 (neg 1)])
                (= s 0)
                (for (row) X (= s (+ s (sum (* row v)))))
                (backward s)
                (check = s (neg 4))
                (check = (.grad v) [4 6])
                (= xs [1 2 3])
                (= ys [2 4 6])
                (= total 0)
                (for (xi yi) (zip xs ys) (= total (+ total (* xi yi))))
                (check = total 28)
                (param p [1 2 3])
                (= l (mse p [1.5 2 2]))
                (backward l)
                (check = l 0.4166666567325592)
                (check = (.grad p) [(neg 0.3333333) 0 0.6666667] within 1e-06)
                (param u [1 3 2])
                (backward (max u))
                (check = (.grad u) [0 1 0])
                (zero_grad u)
                (= ls (log_softmax u 0))
                (backward (index ls 1))
                (check = (.grad u) [(neg 0.09003056) 0.33475912 (neg 0.24472846)] within 1e-06)
                """)
    }

    @Test func elementwiseF64() throws {
        #expect(
            try sExpressions(TourBlocks.elementwiseF64) == """
                (param z 4)
                (= f (- (+ (sqrt z) (* (abs (neg z)) (sin z))) (cos z)))
                (backward f)
                (check = f (neg 0.37356636036810087))
                (check = (.grad z) (neg 3.878179474070304))
                """)
    }

    /// This block fails when it runs (backward of a non-scalar), not when it is parsed.
    @Test func blockThatMustFailStillParses() throws {
        #expect(
            try sExpressions(TourBlocks.mustFail) == """
                (param q [[0 0] [1 2]])
                (= r (^ q 2))
                (backward r)
                """)
    }
}
