"""Writes the NumPy-made fixtures of runtime/tests/files.rs. Run from this folder:
`python3 make_fixtures.py` (needs numpy). The .npz files are committed; CI does not run this."""

import numpy as np

# The seed's dtype case: a uint8 array where float32 is declared.
np.savez("seed_uint8.npz", features=np.array([1, 2, 255], dtype=np.uint8))

# Layouts and byte orders NumPy writes and Rust code must read right.
np.savez(
    "layouts.npz",
    fortran=np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
    big=np.array([1, -2, 3, 2**31 - 1], dtype=">i4"),
    flags=np.array([True, False, True]),
    z=np.array([1 + 2j, -3.5j], dtype=np.complex64),
    half=np.array([0.5, -2.0], dtype=np.float16),
)

# A compressed file of samples, stacked on the first axis.
np.savez_compressed(
    "samples.npz",
    image=np.arange(4 * 2 * 2, dtype=np.float32).reshape(4, 2, 2),
    label=np.array([0, 1, 2, 3], dtype=np.int64),
)
