"""Stand-in for the `mmcv` names the official Lite-HRNet backbone uses (see ../README.md)."""


def is_tuple_of(seq, expected_type):
    """True when `seq` is a tuple whose every item is an instance of `expected_type`."""
    return isinstance(seq, tuple) and all(isinstance(item, expected_type) for item in seq)


from . import cnn  # noqa: E402,F401  (mmcv.cnn.bricks.* is read as an attribute path)
