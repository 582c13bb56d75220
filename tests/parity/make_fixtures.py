"""Writes the parity fixtures in tests/parity/fixtures/ (see reference.py for how to run it).

Fixtures, all from a fixed seed:
- reduced.*: a tiny Lite-HRNet (reduced.config.json) with random float32 weights.
  reduced.zip.pth      torch.save zip format, an mmcv checkpoint {'meta', 'state_dict', 'optimizer'}
  reduced.legacy.pth   _use_new_zipfile_serialization=False, a bare state_dict saved under
                       DataParallel (`module.` prefix)
  reduced.deflate.pth  the zip re-packed with DEFLATE (torch writes STORED; other tools may not)
  reduced.input.npy    input image, float32 NCHW
  reduced.official.heatmaps.npy / reduced.paper.heatmaps.npy   expected outputs per fusion mode
  reduced.official.stem.npy, reduced.official.stage<s>.<b>.npy  intermediate outputs, to debug with
- litehrnet18.*: Lite-HRNet-18 (official structure, 17 joints) at 64x32, weights stored as float16
  with 4 significant bits (every value exact in float32, and the file deflates well).
- dtypes.pth: hand-made tensors (float64, float16, int64, a transposed view, an offset view).
- hrnet-narrow.*: the official pose_hrnet.py (leoxiaobin/deep-high-resolution-net.pytorch at
  6f69e46, unedited, its path given with --hrnet) built from hrnet-narrow.config.json: HRNet's
  stem and layer1, stages of widths 8·2^b with basic and bottleneck blocks, at 64x32; weights
  float16 with 4 significant bits, as litehrnet18's. Its state_dict keys are pose_hrnet's own
  (conv1.weight, layer1.0.downsample.0.weight, stage4.1.fuse_layers.0.3.1.running_mean, …).

    /usr/bin/python3 tests/parity/make_fixtures.py --hrnet <checkout> [--only hrnet]

Expected outputs are computed in float64 from the exact float32 weights and input, then rounded
to float32: they are the true answer, not one float32 ordering of it.
"""

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from collections import OrderedDict

import numpy as np
import torch

from reference import TopDown, load_config

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures')


def path(name):
    return os.path.join(OUT, name)


def randomize(model, generator, calib_inputs, adjust=None):
    """Random convs and BN affine, then real BN running stats from a calibration batch.

    Calibrated stats keep activations near unit scale through 10+ modules, so the heatmaps
    are informative numbers rather than overflow or zeros. `adjust(model)` runs before the
    calibration.
    """
    for name, p in model.named_parameters():
        if name.endswith('bn.weight') or (p.dim() == 1 and 'weight' in name):
            p.data = 0.5 + torch.rand(p.shape, generator=generator)
        elif p.dim() == 1:
            p.data = 0.2 * torch.randn(p.shape, generator=generator)
        else:
            fan_in = p.shape[1] * p.shape[2] * p.shape[3]
            p.data = torch.randn(p.shape, generator=generator) * (1.5 / fan_in) ** 0.5
    if adjust:
        adjust(model)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None  # cumulative average: the stats of the calibration batch
    model.train()
    with torch.no_grad():
        model(calib_inputs)
    model.eval()
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.num_batches_tracked.fill_(int(torch.randint(1, 100000, (1,), generator=generator)))


def quantize(model):
    """Every float tensor to float16 with 4 significant bits (exact in float16 and float32)."""
    with torch.no_grad():
        for t in model.state_dict().values():
            if t.is_floating_point():
                mantissa, exponent = torch.frexp(t.double())
                q = torch.ldexp(torch.round(mantissa * 16) / 16, exponent.double())
                t.copy_(q.half().float())


def check_keys(model, fixture_id):
    """The reference's state_dict must be exactly what our graph expects, name by name and shape."""
    with open(path(f'{fixture_id}.expected-keys.txt')) as f:
        rows = [line.rstrip('\n').split('\t') for line in f if line.strip()]
    expected = [(name, [] if shape == 'scalar' else [int(d) for d in shape.split('x')]) for name, shape in rows]
    actual = [(name, list(t.shape)) for name, t in model.state_dict().items()]
    assert sorted(expected) == sorted(actual), (
        f'{fixture_id}: keys differ; only ours: {sorted(set(map(str, expected)) - set(map(str, actual)))[:5]}, '
        f'only reference: {sorted(set(map(str, actual)) - set(map(str, expected)))[:5]}'
    )


def expected_output(model, x):
    model64 = model.double()
    with torch.no_grad():
        y = model64(x.double())
    model.float()
    return y.float()


def save_npy(name, tensor):
    np.save(path(name), tensor.detach().numpy().astype('<f4'))


def mmcv_checkpoint(state_dict):
    """What mmcv's save_checkpoint writes: meta, state_dict, optimizer (with numpy scalars, as runners log them)."""
    meta = {
        'mmcv_version': '1.3.8',
        'time': 'Mon Jan  1 00:00:00 2024',
        'epoch': 210,
        'iter': 123456,
        'hook_msgs': {'best_score': np.float64(0.6475), 'best_epoch': np.int64(200)},
    }
    optimizer = {
        'state': {0: {'step': torch.tensor(3.0), 'exp_avg': torch.zeros(4), 'exp_avg_sq': torch.ones(4)}},
        'param_groups': [
            {'lr': 2e-3, 'betas': (0.9, 0.999), 'eps': 1e-8, 'weight_decay': 0, 'amsgrad': False, 'params': [0]}
        ],
    }
    return {'meta': meta, 'state_dict': state_dict, 'optimizer': optimizer}


def deflate_copy(src, dst):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename), compress_type=zipfile.ZIP_DEFLATED)


def stage_hooks(model, store):
    def keep(name):
        def hook(_module, _inputs, output):
            outs = output if isinstance(output, list) else [output]
            store[name] = [o.detach().clone() for o in outs]

        return hook

    model.backbone.stem.register_forward_hook(keep('stem'))
    for s in range(model.backbone.num_stages):
        getattr(model.backbone, f'stage{s}').register_forward_hook(keep(f'stage{s}'))


def make_reduced(generator):
    config = load_config(path('reduced.config.json'))
    h, w = config['input']['height'], config['input']['width']
    model = TopDown(config)
    check_keys(model, 'reduced')
    randomize(model, generator, torch.randn(4, 3, h, w, generator=generator))
    x = torch.randn(1, 3, h, w, generator=generator)
    save_npy('reduced.input.npy', x)

    store = {}
    stage_hooks(model, store)
    save_npy('reduced.official.heatmaps.npy', expected_output(model, x))
    for name, outs in store.items():
        if name == 'stem':
            save_npy('reduced.official.stem.npy', outs[0])
        else:
            for b, o in enumerate(outs):
                save_npy(f'reduced.official.{name}.{b}.npy', o)

    paper = load_config(path('reduced-paper.config.json'))
    paper_model = TopDown(paper)
    paper_model.load_state_dict(model.state_dict())
    paper_model.eval()
    save_npy('reduced.paper.heatmaps.npy', expected_output(paper_model, x))

    state = model.state_dict()
    torch.save(mmcv_checkpoint(state), path('reduced.zip.pth'))
    prefixed = OrderedDict((f'module.{k}', v) for k, v in state.items())
    torch.save(prefixed, path('reduced.legacy.pth'), _use_new_zipfile_serialization=False)
    deflate_copy(path('reduced.zip.pth'), path('reduced.deflate.pth'))


def make_litehrnet18(generator):
    config = load_config(path('litehrnet18.config.json'))
    h, w = config['input']['height'], config['input']['width']
    model = TopDown(config)
    params = sum(p.numel() for p in model.parameters())
    assert params == 1130769, f'Lite-HRNet-18 has {params} params, the official README says 1,130,769'
    check_keys(model, 'litehrnet18')
    randomize(model, generator, torch.randn(4, 3, h, w, generator=generator))
    quantize(model)
    x = torch.randn(1, 3, h, w, generator=generator)
    save_npy('litehrnet18.input.npy', x)
    save_npy('litehrnet18.heatmaps.npy', expected_output(model, x))
    half = OrderedDict(
        (k, v.half() if v.is_floating_point() else v) for k, v in model.state_dict().items()
    )
    torch.save({'state_dict': half}, path('litehrnet18.tmp.pth'))
    deflate_copy(path('litehrnet18.tmp.pth'), path('litehrnet18.f16.deflate.pth'))
    os.remove(path('litehrnet18.tmp.pth'))


HRNET_COMMIT = '6f69e4676ad8d43d0d61b64b1b9726f0c369e7b1'


def load_pose_hrnet(checkout):
    """The official lib/models/pose_hrnet.py, imported from a checkout at HRNET_COMMIT (a git
    work tree, or an export with a COMMIT file holding the id)."""
    try:
        got = subprocess.run(['git', '-C', checkout, 'rev-parse', 'HEAD'], capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        got = open(os.path.join(checkout, 'COMMIT')).read().strip()
    assert got == HRNET_COMMIT, f'{checkout}: expected {HRNET_COMMIT}, found {got}'
    spec = importlib.util.spec_from_file_location(
        'pose_hrnet_official', os.path.join(checkout, 'lib/models/pose_hrnet.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pose_hrnet_cfg(config):
    """Our config → pose_hrnet's cfg (the YAML's MODEL section): NUM_CHANNELS are the block
    widths ÷ 4 in bottleneck stages."""
    def stage(s):
        expansion = 4 if s['block'] == 'bottleneck' else 1
        n = len(s['widths'])
        return dict(NUM_MODULES=s['modules'], NUM_BRANCHES=n, BLOCK=s['block'].upper(),
                    NUM_BLOCKS=[s['blocks']] * n,
                    NUM_CHANNELS=[w // expansion for w in s['widths']], FUSE_METHOD='SUM')

    stages = config['stages']
    extra = dict(PRETRAINED_LAYERS=['*'], FINAL_CONV_KERNEL=1, STAGE2=stage(stages[0]),
                 STAGE3=stage(stages[1]), STAGE4=stage(stages[2]))
    return {'MODEL': {'NUM_JOINTS': config['joints'], 'EXTRA': extra}}


def make_hrnet(checkout):
    pose_hrnet = load_pose_hrnet(checkout)
    generator = torch.Generator().manual_seed(20191231)
    with open(path('hrnet-narrow.config.json')) as f:
        config = json.load(f)
    h, w = config['input']['height'], config['input']['width']
    model = pose_hrnet.PoseHighResolutionNet(pose_hrnet_cfg(config))
    check_keys(model, 'hrnet-narrow')

    def damp_residuals(m):
        # Each residual block adds its branch to the identity, so unit-scale branches grow the
        # activations block after block (heatmaps up to 31, where float32's own rounding is
        # 2e-4). A smaller scale on each block's last BN keeps them near the other fixtures'.
        for block in m.modules():
            if isinstance(block, pose_hrnet.BasicBlock):
                block.bn2.weight.data *= 0.25
            elif isinstance(block, pose_hrnet.Bottleneck):
                block.bn3.weight.data *= 0.25

    randomize(model, generator, torch.randn(4, 3, h, w, generator=generator), damp_residuals)
    quantize(model)
    x = torch.randn(1, 3, h, w, generator=generator)
    save_npy('hrnet-narrow.input.npy', x)
    save_npy('hrnet-narrow.heatmaps.npy', expected_output(model, x))
    half = OrderedDict(
        (k, v.half() if v.is_floating_point() else v) for k, v in model.state_dict().items()
    )
    torch.save(half, path('hrnet-narrow.tmp.pth'))
    deflate_copy(path('hrnet-narrow.tmp.pth'), path('hrnet-narrow.f16.deflate.pth'))
    os.remove(path('hrnet-narrow.tmp.pth'))


def make_dtypes():
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    tensors = OrderedDict(
        f64=torch.tensor([0.1, -2.5, 1e-3], dtype=torch.float64),
        f16=torch.tensor([1.0, -0.5, 65504.0, 2.0**-24], dtype=torch.float16),
        i64=torch.tensor(123456789, dtype=torch.int64),
        base=base,
        transposed=base.t(),  # shares base's storage, strides (1, 4)
        row=base[1],  # shares base's storage, offset 4
    )
    torch.save(tensors, path('dtypes.pth'))


def main():
    os.makedirs(OUT, exist_ok=True)
    args = sys.argv[1:]
    hrnet = args[args.index('--hrnet') + 1] if '--hrnet' in args else None
    if '--only' not in args or args[args.index('--only') + 1] != 'hrnet':
        generator = torch.Generator().manual_seed(20210615)
        make_reduced(generator)
        make_litehrnet18(generator)
        make_dtypes()
    if hrnet:
        make_hrnet(hrnet)
    for name in sorted(os.listdir(OUT)):
        print(f'{os.path.getsize(path(name)):>9}  {name}')


if __name__ == '__main__':
    main()
