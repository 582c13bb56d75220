"""Checks a .pth written by the explorer (`npm run train -- … --out weights.pth`) with PyTorch itself.

    /usr/bin/python3 scripts/check-pth.py CONFIG.json WEIGHTS.pth [INPUT.npy HEATMAPS.npy]

CONFIG.json is the network's config (the explorer's config JSON; `--json` output's "config" also
works when saved to a file). The script builds the project's PyTorch reference model
(tests/parity/reference.py, the official module names), loads the file with torch.load and
load_state_dict(strict=True) — every key present, none extra, every shape right — and checks the
BatchNorm counters are int64. Given an input (N x 3 x H x W float32) and the heatmaps
`npm run infer` computed from the same .pth, it also runs the model in eval mode and prints the
largest difference (float32 parity is within 1e-4). Needs PyTorch (Debian: python3-torch).
"""

import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'tests', 'parity'))
from reference import TopDown  # noqa: E402


def main(argv):
    if len(argv) not in (3, 5):
        print(__doc__)
        return 2
    with open(argv[1]) as f:
        doc = json.load(f)
    config = doc.get('config', doc) if isinstance(doc, dict) else doc
    model = TopDown(config)
    state = torch.load(argv[2], map_location='cpu')
    model.load_state_dict(state, strict=True)
    counters = [k for k in state if k.endswith('num_batches_tracked')]
    assert all(state[k].dtype == torch.int64 for k in counters), 'num_batches_tracked is not int64'
    floats = [k for k in state if not k.endswith('num_batches_tracked')]
    assert all(state[k].dtype == torch.float32 for k in floats), 'a weight is not float32'
    print(f'strict load: ok ({len(state)} tensors, {len(counters)} BatchNorm counters, '
          f'num_batches_tracked = {sorted({int(state[k]) for k in counters})})')
    if len(argv) == 5:
        model.eval()
        x = torch.from_numpy(np.load(argv[3]))
        want = np.load(argv[4])
        with torch.no_grad():
            got = model(x).numpy()
        print(f'heatmaps {got.shape}: max |PyTorch - explorer| = {np.abs(got - want).max():.3g}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
