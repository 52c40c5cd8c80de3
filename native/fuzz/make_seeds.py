#!/usr/bin/env python3
"""Writes the committed seed corpus for the libFuzzer targets (native/fuzz/corpus/<target>/).

Each seed is a hand-made input in the target's byte format, so fuzzing starts from every code
path (float widths, ties, specials, options, the tiled multithreaded path) instead of from
nothing. Run from the repo root:  python3 native/fuzz/make_seeds.py
"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

# Tags understood by fuzz_input.h next_value(): tag % 16 -> 0 +Inf, 1 -Inf, 2 NaN, 3 -0.0,
# >= 6 with levels -> a small integer from the next byte, else raw float bytes follow.
INF, NINF, NAN, NZERO, RAW, LEVEL = 0, 1, 2, 3, 4, 6


def f64(v):
    return bytes([RAW]) + struct.pack("<d", v)


def f32(v):
    return bytes([RAW]) + struct.pack("<f", v)


def lvl(k):
    return bytes([LEVEL, k])


def kendall_header(f32_width=False, levels=None, tile=False, variant=1, alt=0, method=0,
                   nan=0, threads=0):
    h0 = (1 if f32_width else 0) | (2 if levels else 0) | (4 if tile else 0) | (threads << 3)
    h1 = 0xA7 if tile else (levels - 1 if levels else 0)
    h2 = variant + 3 * alt + 9 * method + 27 * nan
    return bytes([h0 & 0xFF, h1, h2])


def kendall_seeds():
    seeds = {}
    xs = [0.5, -1.25, 3.0, 2.0, 7.5, -4.0, 1e300, -1e-300]
    ys = [1.0, 0.0, 2.5, 2.5, 9.0, -1.0, 5e-324, 3.0]
    seeds["f64_distinct"] = kendall_header() + b"".join(f64(a) + f64(b) for a, b in zip(xs, ys))
    clamp = lambda v: max(-3e38, min(3e38, v))  # noqa: E731  (float32 range)
    seeds["f32_distinct_greater"] = kendall_header(True, alt=2) + b"".join(
        f32(clamp(a)) + f32(clamp(b)) for a, b in zip(xs, ys))
    seeds["ties_levels3"] = kendall_header(levels=3) + b"".join(
        lvl(i % 3) + lvl((i * 7) % 3) for i in range(40))
    seeds["specials_propagate"] = kendall_header() + bytes([INF]) + f64(1) + bytes([NINF]) + f64(2) \
        + bytes([NAN]) + f64(3) + bytes([NZERO]) + f64(0) + f64(4) + f64(5)
    seeds["specials_omit_c"] = kendall_header(variant=2, nan=1) + bytes([NAN]) + f64(1) + f64(2) \
        + bytes([INF]) + f64(3) + f64(4) + f64(5) + f64(6) + f64(-7) + f64(8)
    seeds["raise_exact"] = kendall_header(method=1, nan=2) + b"".join(
        f64(i) + f64((i * 5) % 11) for i in range(11))
    return seeds


def kendall_parallel_seeds():
    """fuzz_kendall_parallel: the same format; every input is tiled past 65,536 rows."""
    return {
        "ties_mixed_threads2": kendall_header(threads=1) + b"".join(
            lvl(i % 5) + f64(i * 0.25) for i in range(16)),
        "distinct_threads4": kendall_header(threads=3) + b"".join(
            f64(i * 1.5) + f64((i * 7) % 13) for i in range(13)),
        "specials_omit": kendall_header(nan=1, threads=2) + bytes([INF]) + f64(1) + f64(2) + bytes([NAN])
        + f64(3) + f64(4) + bytes([NINF]) + f64(-1),
    }


def surrogate_header(kind=0, weighting=0, norm=1, want_grad=True, alpha=1.0, margin=1.0,
                     batch=1, threads=0, levels=0, tile=False):
    """fuzz_surrogate.cpp's header: alpha and margin are 2^((byte - 128) / 8)."""
    import math

    def scale_byte(v):
        return max(1, min(254, round(128 + 8 * math.log2(v))))

    h0 = kind + 5 * weighting + 15 * norm + 30 * (0 if want_grad else 1)
    h3 = (batch - 1) + 3 * threads + 12 * levels
    return bytes([h0, scale_byte(alpha), scale_byte(margin), h3, 0xA7 if tile else 0])


def surrogate_seeds():
    seeds = {}
    preds = [0.1, -0.3, 0.7, 0.7, 2.0, -1.5, 0.25]
    tgts = [1.0, 2.0, 2.0, 3.0, 0.5, 4.0, 3.0]
    wts = [1.0, 0.5, 2.0, 1.0, 0.25, 1.5, 1.0]

    def body(user, ps=preds, ts=tgts):
        out = b""
        for a, t, w in zip(ps, ts, wts):
            out += f32(a) + f32(t) + (f32(w) if user else b"")
        return out

    for kind in range(5):
        for norm in range(2):
            seeds[f"kind{kind}_norm{norm}"] = surrogate_header(kind=kind, norm=norm) + body(False)
    for kind in (0, 3):
        seeds[f"target_diff_kind{kind}"] = surrogate_header(kind=kind, weighting=1) + body(False)
        seeds[f"user_weights_batch2_kind{kind}"] = surrogate_header(
            kind=kind, weighting=2, batch=2) + body(True) + body(True)
    seeds["all_tied_targets"] = surrogate_header() + body(False, ts=[1.0] * len(preds))
    seeds["constant_predictions"] = surrogate_header() + body(False, ps=[0.5] * len(preds))
    seeds["infinite_prediction"] = surrogate_header(kind=1) + bytes([INF]) + f32(1.0) + body(False)
    seeds["nan_target"] = surrogate_header(kind=4) + f32(0.5) + bytes([NAN]) + body(False)
    seeds["forward_only_threads"] = surrogate_header(want_grad=False, threads=2) + body(False)
    seeds["tiled_hardtanh"] = surrogate_header(kind=1, alpha=8.0, tile=True, threads=1) + body(False)
    seeds["large_alpha_logistic"] = surrogate_header(kind=2, alpha=4000.0) + body(False)
    return seeds


def write(target, seeds):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    write("kendall_exact", kendall_seeds())
    write("kendall_parallel", kendall_parallel_seeds())
    write("surrogate", surrogate_seeds())
    print("wrote", ROOT)
