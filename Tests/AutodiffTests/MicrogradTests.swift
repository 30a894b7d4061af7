import Autodiff
import Testing

/// micrograd's `test/test_engine.py`, in f64; the expected numbers are the ones PyTorch printed there.
@Suite struct MicrogradTests {
    @Test func sanityCheck() throws {
        let tape = Tape()
        let x = tape.scalarParam(-4.0, "x")
        let z = 2 * x + 2 + x
        let q = z.relu() + z * x
        let h = (z * z).relu()
        let y = h + q + q * x
        try tape.backward(y.tensor)
        #expect(y.value == -20)
        #expect(x.grad == 46)
    }

    @Test func moreOps() throws {
        let tape = Tape()
        let a = tape.scalarParam(-4.0, "a")
        let b = tape.scalarParam(2.0, "b")
        var c = a + b
        var d = a * b + b.pow(3)
        c = c + (c + 1)
        c = c + (1 + c + (-a))
        d = d + (d * 2 + (b + a).relu())
        d = d + (3 * d + (b - a).relu())
        let e = c - d
        let f = e.pow(2)
        var g = f / 2.0
        g = g + 10.0 / f
        try tape.backward(g.tensor)
        let tolerance = 1e-6
        #expect(Swift.abs(g.value - 24.70408163265306) < tolerance)
        #expect(Swift.abs(a.grad - 138.83381924198252) < tolerance)
        #expect(Swift.abs(b.grad - 645.5772594752186) < tolerance)
    }
}
