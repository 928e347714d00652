"""Newton's method for one small cyclic component, from a nearby start (sensitivity probes).

Solves σ = f(σ) on the component's nodes with the Jacobian of f − I taken by forward
differences (one extra update per parent) and a dense Gaussian elimination, so it suits
components of up to MAX_SIZE nodes. Near a fixed point it converges in a few steps where
fixed-step methods crawl (odd rings of strong attacks have modes that RK4 damps by about
π²/(2n²) per unit of time). It may fail (a kink of DF-QuAD, a singular Jacobian): the caller
then falls back to RK4. It returns the work done, counted like the other solvers.

>>> from app.reasoning.framework import framework_from_edges
>>> from app.reasoning.semantics import dfquad
>>> fw = framework_from_edges(dict.fromkeys("abc", 1.0),
...     [("a", "b", "attack"), ("b", "c", "attack"), ("c", "a", "attack")])
>>> s = {"a": .4, "b": .6, "c": .3}
>>> settled, _ = newton(("a", "b", "c"), fw.tau, fw.parents, dfquad, s, 1e-9)
>>> settled, [round(s[n], 9) for n in "abc"]
(True, [0.5, 0.5, 0.5])
"""

from __future__ import annotations

from .framework import SOURCE

MAX_SIZE = 60        # nodes; the elimination costs about n³/3 steps
MAX_STEPS = 12
STEP = 1e-7          # forward-difference step


def newton(comp, tau, parents, update, s: dict, tol: float) -> tuple[bool, int]:
    """Solve the component in place from the values in ``s``; (settled, work done)."""
    index = {n: i for i, n in enumerate(comp)}
    inner = [sorted({p[SOURCE] for p in parents[n] if p[SOURCE] in index}) for n in comp]
    work, size = 0, len(comp)
    for _ in range(MAX_STEPS):
        f = [update(tau[n], parents[n], s) for n in comp]
        work += sum(1 + len(parents[n]) for n in comp)
        r = [fi - s[n] for fi, n in zip(f, comp)]
        if max(map(abs, r)) < tol:
            return True, work
        jac, more = _jacobian(comp, index, inner, tau, parents, update, s, f)
        step = _solve(jac, [-v for v in r])
        work += more + size ** 3 // 3
        if step is None:
            return False, work
        for n, d in zip(comp, step):
            s[n] = min(1.0, max(0.0, s[n] + d))
    return False, work


def _jacobian(comp, index, inner, tau, parents, update, s, f):
    """Rows of ∂(f − σ)/∂σ over the component (dense), and the work spent."""
    size, work = len(comp), 0
    jac = []
    for i, n in enumerate(comp):
        row = [0.0] * size
        row[i] = -1.0
        plist = parents[n]
        for src in inner[i]:
            old = s[src]
            h = STEP if old + STEP <= 1.0 else -STEP
            s[src] = old + h
            row[index[src]] += (update(tau[n], plist, s) - f[i]) / h
            s[src] = old
            work += 1 + len(plist)
        jac.append(row)
    return jac, work


def _solve(a: list[list[float]], b: list[float]) -> list[float] | None:
    """x with a·x = b by Gaussian elimination with partial pivoting (a, b are consumed);
    None if a is (numerically) singular."""
    n = len(b)
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        b[col], b[pivot] = b[pivot], b[col]
        head, hb = a[col], b[col]
        for r in range(col + 1, n):
            factor = a[r][col] / head[col]
            if factor:
                row = a[r]
                for c in range(col, n):
                    row[c] -= factor * head[c]
                b[r] -= factor * hb
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        total = b[r] - sum(a[r][c] * x[c] for c in range(r + 1, n))
        x[r] = total / a[r][r]
    return x
