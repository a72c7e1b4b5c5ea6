"""dlib's small dense linear algebra in plain double arithmetic: ``svd`` and ``pinv``.

dlib's pip wheels have no LAPACK, so ``dlib::svd``/``pinv`` run dlib's own ``svd4``
(Golub-Reinsch, translated from the Algol of the Handbook for Automatic Computation) and
sum matrix products left to right. This is a statement-by-statement port of
dlib/matrix/matrix_la.h (dlib 20.0, Boost Software Licence) so that every rounding is
the same, which chip_geometry needs to place chips exactly where dlib does.
"""

from __future__ import annotations

import math

Matrix = list[list[float]]

_EPS = 2.220446049250313e-16  # std::numeric_limits<double>::epsilon()
_DBL_MIN = 2.2250738585072014e-308  # std::numeric_limits<double>::min()


def svd(matrix: Matrix) -> tuple[Matrix, list[float], Matrix]:
    """dlib ``svd3`` without LAPACK, i.e. ``svd4`` (Golub-Reinsch, from the Algol of the
    Handbook for Automatic Computation): returns ``u, q, v`` with a = u·diag(q)·vᵀ.

    Needs rows >= cols (true for every use here).
    """
    m, n = len(matrix), len(matrix[0])
    u = [[float(x) for x in row] for row in matrix]
    q = [0.0] * n
    e = [0.0] * n
    v = [[0.0] * n for _ in range(n)]
    tol = _DBL_MIN / _EPS
    eps = _EPS
    g = x = 0.0
    l = 0
    # Householder's reduction to bidiagonal form
    for i in range(n):
        e[i] = g
        s = 0.0
        l = i + 1
        for j in range(i, m):
            s += u[j][i] * u[j][i]
        if s < tol:
            g = 0.0
        else:
            f = u[i][i]
            g = math.sqrt(s) if f < 0 else -math.sqrt(s)
            h = f * g - s
            u[i][i] = f - g
            for j in range(l, n):
                s = 0.0
                for k in range(i, m):
                    s += u[k][i] * u[k][j]
                f = s / h
                for k in range(i, m):
                    u[k][j] += f * u[k][i]
        q[i] = g
        s = 0.0
        for j in range(l, n):
            s += u[i][j] * u[i][j]
        if s < tol:
            g = 0.0
        else:
            f = u[i][i + 1]
            g = math.sqrt(s) if f < 0 else -math.sqrt(s)
            h = f * g - s
            u[i][i + 1] = f - g
            for j in range(l, n):
                e[j] = u[i][j] / h
            for j in range(l, m):
                s = 0.0
                for k in range(l, n):
                    s += u[j][k] * u[i][k]
                for k in range(l, n):
                    u[j][k] += s * e[k]
        y = abs(q[i]) + abs(e[i])
        if y > x:
            x = y
    # accumulation of right-hand transformations
    for i in range(n - 1, -1, -1):
        if g != 0.0:
            h = u[i][i + 1] * g
            for j in range(l, n):
                v[j][i] = u[i][j] / h
            for j in range(l, n):
                s = 0.0
                for k in range(l, n):
                    s += u[i][k] * v[k][j]
                for k in range(l, n):
                    v[k][j] += s * v[k][i]
        for j in range(l, n):
            v[i][j] = v[j][i] = 0.0
        v[i][i] = 1.0
        g = e[i]
        l = i
    # accumulation of left-hand transformations (skinny u: m x n)
    for i in range(n - 1, -1, -1):
        l = i + 1
        g = q[i]
        for j in range(l, n):
            u[i][j] = 0.0
        if g != 0.0:
            h = u[i][i] * g
            for j in range(l, n):
                s = 0.0
                for k in range(l, m):
                    s += u[k][i] * u[k][j]
                f = s / h
                for k in range(i, m):
                    u[k][j] += f * u[k][i]
            for j in range(i, m):
                u[j][i] /= g
        else:
            for j in range(i, m):
                u[j][i] = 0.0
        u[i][i] += 1.0
    # diagonalization of the bidiagonal form
    eps *= x
    for k in range(n - 1, -1, -1):
        iterations = 0
        while True:  # test_f_splitting
            cancel = False
            l = k
            while l >= 0:  # e[0] is always 0, so this stops by l == 0
                if abs(e[l]) <= eps:
                    break
                if abs(q[l - 1]) <= eps:
                    cancel = True
                    break
                l -= 1
            if cancel:  # cancellation of e[l], l > 0
                c, s = 0.0, 1.0
                l1 = l - 1
                for i in range(l, k + 1):
                    f = s * e[i]
                    e[i] *= c
                    if abs(f) <= eps:
                        break
                    g = q[i]
                    h = q[i] = math.sqrt(f * f + g * g)
                    c = g / h
                    s = -f / h
                    for j in range(m):
                        y, z = u[j][l1], u[j][i]
                        u[j][l1] = y * c + z * s
                        u[j][i] = -y * s + z * c
            # test_f_convergence
            z = q[k]
            if l == k:
                break
            iterations += 1
            if iterations > 300:
                raise ArithmeticError("svd did not converge")
            # shift from bottom 2x2 minor
            x = q[l]
            y = q[k - 1]
            g = e[k - 1]
            h = e[k]
            f = ((y - z) * (y + z) + (g - h) * (g + h)) / (2 * h * y)
            g = math.sqrt(f * f + 1.0)
            f = ((x - z) * (x + z) + h * (y / ((f - g) if f < 0 else (f + g)) - h)) / x
            # next QR transformation
            c = s = 1.0
            for i in range(l + 1, k + 1):
                g = e[i]
                y = q[i]
                h = s * g
                g *= c
                e[i - 1] = z = math.sqrt(f * f + h * h)
                c = f / z
                s = h / z
                f = x * c + g * s
                g = -x * s + g * c
                h = y * s
                y *= c
                for j in range(n):
                    x, z = v[j][i - 1], v[j][i]
                    v[j][i - 1] = x * c + z * s
                    v[j][i] = -x * s + z * c
                q[i - 1] = z = math.sqrt(f * f + h * h)
                if z != 0:
                    c = f / z
                    s = h / z
                f = c * g + s * y
                x = -s * g + c * y
                for j in range(m):
                    y, z = u[j][i - 1], u[j][i]
                    u[j][i - 1] = y * c + z * s
                    u[j][i] = -y * s + z * c
            e[l] = 0.0
            e[k] = f
            q[k] = x
        # convergence: make q[k] non-negative
        if z < 0.0:
            q[k] = -z
            for j in range(n):
                v[j][k] = -v[j][k]
    return u, q, v


def matmul(a: Matrix, b: Matrix) -> Matrix:
    """dlib's small-matrix product: each entry summed left to right from the first term."""
    out = []
    for i in range(len(a)):
        row = []
        for j in range(len(b[0])):
            acc = a[i][0] * b[0][j]
            for k in range(1, len(b)):
                acc += a[i][k] * b[k][j]
            row.append(acc)
        out.append(row)
    return out


def pinv(matrix: Matrix) -> Matrix:
    """dlib ``pinv`` for a square matrix: ``scale_columns(v, 1/round_zeros(w)) * trans(u)``."""
    u, w, v = svd(matrix)
    n = len(w)
    eps = _EPS * max(len(matrix), n) * max(w)
    inv_w = [(1 / x) if (x := (wi if abs(wi) >= eps else 0.0)) != 0 else 0.0 for wi in w]
    scaled = [[v[i][j] * inv_w[j] for j in range(n)] for i in range(n)]
    u_t = [[u[j][i] for j in range(len(u))] for i in range(n)]
    return matmul(scaled, u_t)
