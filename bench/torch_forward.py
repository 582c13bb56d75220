"""PyTorch CPU anchor for the forward-pass bench: the project's own PyTorch Lite-HRNet
(tests/parity/reference.py, which matches the official code to 1e-4) timed on this machine.

Reads explorer configs (the JSON `presetConfig` gives, as bench/forward.bench.ts writes them),
builds each model with seeded random weights in eval mode, and times one forward pass at the
config's input size with torch.set_num_threads(n) for each n: median of --runs timed passes after
--warmup untimed ones. Prints one JSON object on stdout:

    {"torch": "1.13.0a0", "rows": [{"model": ..., "threads": 1, "medianMs": ..., "runs": 10}, ...]}

    /usr/bin/python3 bench/torch_forward.py --config l18=/tmp/l18.json --threads 1,2

Exit code 2 with one line on stderr when torch is missing or a config cannot be read.
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'parity'))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--config', action='append', required=True, help='name=path of an explorer JSON config')
    p.add_argument('--threads', default='1,2', help='comma list of thread counts')
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--runs', type=int, default=10)
    return p.parse_args(argv)


def time_forward(torch, model, x, warmup, runs):
    with torch.no_grad():
        for _ in range(warmup):
            model(x)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv):
    args = parse_args(argv)
    try:
        import torch
        from reference import TopDown, load_config
    except ImportError as e:
        print(f'torch_forward: PyTorch is not installed ({e}); apt-get install python3-torch', file=sys.stderr)
        return 2
    threads = [int(t) for t in args.threads.split(',') if t]
    rows = []
    for spec in args.config:
        name, _, path = spec.partition('=')
        try:
            config = load_config(path)
        except (OSError, ValueError) as e:
            print(f'torch_forward: cannot read config {path}: {e}', file=sys.stderr)
            return 2
        torch.manual_seed(1)
        model = TopDown(config).eval()
        h, w = config['input']['height'], config['input']['width']
        x = torch.randn(1, 3, h, w)
        for n in threads:
            torch.set_num_threads(n)
            ms = time_forward(torch, model, x, args.warmup, args.runs)
            rows.append({'model': name, 'threads': n, 'medianMs': round(ms, 2), 'runs': args.runs})
    print(json.dumps({'torch': torch.__version__, 'rows': rows}))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
