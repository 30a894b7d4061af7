import Testing

@testable import GraphLanguage

/// The graph blocks of /work/shared/examples/tour.md, copied verbatim.
enum TourBlocks {
    /// ```graph name=by-hand
    static let byHand = """
        x = 1
        y = 2
        param w = 1
        y_hat = w * x
        s = y_hat - y
        loss = s^2
        backward loss
        show loss, w.grad
        check loss = 1
        check d(loss)/d(w) = d(loss)/d(s) * d(s)/d(y_hat) * d(y_hat)/d(w)
                           = 2*s * 1 * x
                           = -2
        check ∂loss/∂s = 2*s = -2
        trace loss
        diagram loss
        """

    /// ```graph
    static let notebookScope = """
        w -= 0.01 * w.grad
        zero_grad
        loss = (w*x - y)^2
        backward loss
        check w = 1.02
        check w.grad = 2*(w*x - y)*x
        """

    /// ```graph fresh
    static let nonScalarBackward = """
        param a = [2, 3]
        param b = [6, 4]
        Q = 3*a^3 - b**2
        backward Q, [1, 1]
        check a.grad = 9*a^2 = [36, 81]
        check b.grad = -2*b = [-12, -8]

        param t = 0
        f = t^2 - 2*t + 1
        check d(f)/d(t) = 2*t - 2 = -2
        check d(d(f)/d(t))/d(t) = 2
        check grad(f, t) = -2
        """

    /// ```graph fresh name=momentum
    static let momentum = """
        param w = 5
        for i in range(20):
            l = (w - 2)^2
            backward l
            step sgd(lr=0.1, momentum=0.9)
            log i, l
        plot l
        check w = 0.952242374420166
        check l = 0.881135880947113
        """

    /// ```graph fresh dtype=f64 name=adam
    static let adam = """
        x = [0, 1, 2, 3]
        y = [1, 3, 7, 13]
        param a = 0
        param b = 0
        param c = 0
        for i in range(300):
            l = mean((a*x^2 + b*x + c - y)^2)
            backward l
            step adam(lr=0.1)
            log l
        check a = 0.9999999333008083
        check b = 0.9999999332597571
        check c = 0.9999999333049745
        check l < 1e-12
        gradcheck mean((a*x^2 + b*x + c - y)^2) wrt a, b, c
        """

    /// ```graph fresh
    static let rowsZipLosses = """
        X = [[1, 2], [3, 4]]
        param v = [0.5, -1]
        s = 0
        for row in X:
            s = s + sum(row * v)
        backward s
        check s = -4
        check v.grad = [4, 6]

        xs = [1, 2, 3]
        ys = [2, 4, 6]
        total = 0
        for xi, yi in zip(xs, ys):
            total = total + xi*yi
        check total = 28

        param p = [1, 2, 3]
        l = mse(p, [1.5, 2, 2])
        backward l
        check l = 0.4166666567325592
        check p.grad = [-0.3333333, 0, 0.6666667] within 1e-6

        param u = [1, 3, 2]
        backward max(u)
        check u.grad = [0, 1, 0]
        zero_grad u
        ls = log_softmax(u, 0)
        backward ls[1]
        check u.grad = [-0.09003056, 0.33475912, -0.24472846] within 1e-6
        """

    /// ```graph fresh dtype=f64
    static let elementwiseF64 = """
        param z = 4
        f = sqrt(z) + abs(-z)*sin(z) - cos(z)
        backward f
        check f = -0.37356636036810087
        check z.grad = -3.878179474070304
        """

    /// ```graph expect=error
    static let mustFail = """
        param q = [[0, 0], [1, 2]]
        r = q^2
        backward r
        """
}
