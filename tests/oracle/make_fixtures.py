#!/usr/bin/python3
"""Writes the oracle fixtures: what the official Lite-HRNet code and the popular FLOPs counters
print for the presets and for random configs, as exact integers.

Run by hand (not in CI), with Debian's python3-torch (1.13) under /usr/bin/python3. It fetches
nothing: it takes paths to checkouts of the official repo and of each tool (README.md beside
this file says which commits and how to get them). It never copies their code: it imports it.

    /usr/bin/python3 tests/oracle/make_fixtures.py \
        --lite-hrnet /tmp/oracle-src/lite-hrnet --mmcv /tmp/oracle-src/mmcv \
        --fvcore /tmp/oracle-src/fvcore --ptflops /tmp/oracle-src/ptflops \
        --thop /tmp/oracle-src/thop [--only presets|random] [--random 240] [--seed 13]

Per case (schema in README.md): params; totals under
- paper:  the official tools/torchstat `analyze` (what tools/summary_network.py prints), its
          Flops column summed (the column the README's "FLOPs" come from; MAdd is recorded too);
- mmcv:   mmcv 1.x `get_model_complexity_info(model, (3, H, W), as_strings=False)`;
- conv:   sum over Conv2d calls of weight.numel() x H_out x W_out (bias left out), from hooks;
- fvcore: `FlopCountAnalysis(model, x).total()` and `.by_operator()`;
- ptflops / ptflops-aten: `get_model_complexity_info(model, (3, H, W), as_strings=False,
          backend='pytorch' | 'aten')`;
- thop:   `profile(model, inputs=(x,))`;
and for the presets one row per (leaf module, call) with what each tool attributed to that call.
"""
import argparse
import importlib.util
import json
import math
import os
import random
import re
import subprocess
import sys
import types
from contextlib import contextmanager, redirect_stdout
from io import StringIO

HERE = os.path.dirname(os.path.abspath(__file__))

# The commits these fixtures were made from (README.md: how to check them out).
PINNED = {
    'HRNet/Lite-HRNet': '7b9049d264fa40402a27d1f175deff3b46a6b91b',
    'open-mmlab/mmcv': '58e32423f04048980946693772fb059d554eacd0',  # tag v1.3.18
    'facebookresearch/fvcore': '3378afe0d71dc2aa95e358bc78dc9b67cb48825a',
    'sovrasov/flops-counter.pytorch': 'd612c7547445841a325fd2a1ff2ab27583f01bae',  # v0.7.5
    'Lyken17/pytorch-OpCounter': '43c064afb71383501e41eaef9e8c8407265cf77f',  # pip's thop 0.1.1
    'leoxiaobin/deep-high-resolution-net.pytorch': '6f69e4676ad8d43d0d61b64b1b9726f0c369e7b1',
}

ABLATIONS = ('naive_no_first_1x1', 'naive_no_last_1x1', 'naive_no_1x1')


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--lite-hrnet', required=True, help='checkout of HRNet/Lite-HRNet')
    p.add_argument('--mmcv', required=True, help='checkout of open-mmlab/mmcv (1.x tag)')
    p.add_argument('--fvcore', required=True, help='checkout of facebookresearch/fvcore')
    p.add_argument('--ptflops', required=True, help='checkout of sovrasov/flops-counter.pytorch')
    p.add_argument('--thop', required=True, help='checkout of Lyken17/pytorch-OpCounter')
    p.add_argument('--hrnet', help='checkout of leoxiaobin/deep-high-resolution-net.pytorch '
                   '(for the hrnet group: the official pose_hrnet.py and get_model_summary)')
    p.add_argument('--out', default=os.path.join(HERE, 'fixtures'))
    p.add_argument('--only', choices=('presets', 'random', 'hrnet'))
    p.add_argument('--random', type=int, default=240, help='how many random configs')
    p.add_argument('--seed', type=int, default=13)
    p.add_argument('--cache', help='a JSON-lines file of counted cases: read to skip cases counted '
                   'before (same id and config), appended to as cases are counted; lets runs '
                   'resume and lets several processes share the random cases')
    p.add_argument('--range', help='count only cases START:END of the group (with --cache, to '
                   'split the work), write no fixture')
    return p.parse_args()


def check_commit(path, repo):
    """The checkout must be the pinned commit: from git when it is a work tree, else from a
    COMMIT file (README.md writes one next to a `git archive` export)."""
    want = PINNED[repo]
    got = None
    try:
        got = subprocess.run(['git', '-C', path, 'rev-parse', 'HEAD'], capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        marker = os.path.join(path, 'COMMIT')
        if os.path.exists(marker):
            got = open(marker).read().strip()
    if got != want:
        sys.exit(f'{path}: expected {repo} at {want}, found {got or "no commit id"}')


def load_file(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class Tools:
    """The official backbone and every counter, imported from the given checkouts."""

    def __init__(self, args):
        for path, repo in ((args.lite_hrnet, 'HRNet/Lite-HRNet'), (args.mmcv, 'open-mmlab/mmcv'),
                           (args.fvcore, 'facebookresearch/fvcore'),
                           (args.ptflops, 'sovrasov/flops-counter.pytorch'),
                           (args.thop, 'Lyken17/pytorch-OpCounter')):
            check_commit(path, repo)
        sys.path.insert(0, os.path.join(HERE, 'standins'))
        import torch
        self.torch = torch
        torch.set_num_threads(1)

        self.official = load_file(
            'litehrnet_official', os.path.join(args.lite_hrnet, 'models/backbones/litehrnet.py'))

        # torchstat's reporter imports pandas (and sets a display option) for printing tables;
        # analyze() never prints, so a module with a no-op set_option stands in when pandas is
        # not installed.
        try:
            import pandas  # noqa: F401
        except ImportError:
            pandas = types.ModuleType('pandas')
            pandas.set_option = lambda *a, **k: None
            sys.modules['pandas'] = pandas
        sys.path.insert(0, os.path.join(args.lite_hrnet, 'tools'))
        import torchstat
        import torchstat.analyzer
        self.torchstat = torchstat
        self.torchstat_analyzer = torchstat.analyzer

        self.mmcv_flops = load_file('mmcv_flops_counter',
                                    os.path.join(args.mmcv, 'mmcv/cnn/utils/flops_counter.py'))

        # fvcore.nn's __init__ pulls in unrelated modules (tabulate, tqdm, iopath); import only
        # flop_count, with a stand-in for the one helper it takes from fvcore.common.checkpoint.
        for name, sub in (('fvcore', 'fvcore'), ('fvcore.nn', 'fvcore/nn')):
            pkg = types.ModuleType(name)
            pkg.__path__ = [os.path.join(args.fvcore, sub)]
            sys.modules[name] = pkg
        common = types.ModuleType('fvcore.common')
        common.__path__ = []
        checkpoint = types.ModuleType('fvcore.common.checkpoint')
        checkpoint._named_modules_with_dup = _named_modules_with_dup
        sys.modules['fvcore.common'] = common
        sys.modules['fvcore.common.checkpoint'] = checkpoint
        self.fvcore = importlib.import_module('fvcore.nn.flop_count')

        sys.path.insert(0, args.ptflops)
        import ptflops
        import ptflops.aten_ops
        import ptflops.pytorch_ops
        self.ptflops = ptflops

        sys.path.insert(0, args.thop)
        import thop
        import thop.profile
        self.thop = thop
        self.thop_profile = sys.modules['thop.profile']  # thop.profile is the function

        self.pose_hrnet = self.hrnet_utils = None
        if args.hrnet:
            check_commit(args.hrnet, 'leoxiaobin/deep-high-resolution-net.pytorch')
            self.pose_hrnet = load_file('pose_hrnet_official',
                                        os.path.join(args.hrnet, 'lib/models/pose_hrnet.py'))
            self.hrnet_utils = load_file('hrnet_utils_official',
                                         os.path.join(args.hrnet, 'lib/utils/utils.py'))


def _named_modules_with_dup(model, prefix=''):
    """Like named_modules(), but a module reachable under two names is listed under both."""
    yield prefix, model
    for name, child in model._modules.items():
        if child is not None:
            yield from _named_modules_with_dup(child, prefix + ('.' if prefix else '') + name)


# ---------------------------------------------------------------------------------------------
# The model: the unedited official backbone + mmpose's TopDownSimpleHead with no deconvolution
# (what the official configs use: num_deconv_layers=0, final_conv_kernel=1), as TopDown's
# forward_dummy runs them (what tools/summary_network.py counts).


def extra_of(config):
    """Our config → the official `backbone.extra` dict."""
    stages = config['stages']
    return dict(
        stem=dict(stem_channels=config['stem']['stemChannels'],
                  out_channels=config['stem']['outChannels'],
                  expand_ratio=config['stem']['expandRatio']),
        num_stages=len(stages),
        stages_spec=dict(
            num_modules=tuple(s['modules'] for s in stages),
            num_branches=tuple(len(s['widths']) for s in stages),
            num_blocks=tuple(s['blocks'] for s in stages),
            module_type=tuple('LITE' if s['block'] == 'lite' else
                              'NAIVE' if s['block'] == 'naive' else s['block'] for s in stages),
            with_fuse=tuple(s['fuse'] for s in stages),
            reduce_ratios=tuple(s['reduceRatio'] for s in stages),
            num_channels=tuple(tuple(s['widths']) for s in stages)),
        with_head=config['withHead'])


def make_model_classes(tools):
    torch = tools.torch
    nn = torch.nn
    official = tools.official

    class KeypointHead(nn.Module):
        """mmpose TopDownSimpleHead(num_deconv_layers=0, extra=dict(final_conv_kernel=1)):
        takes the backbone's first output, an nn.Identity for the absent deconvolutions, then a
        1x1 conv with bias to the joints."""

        def __init__(self, in_channels, joints):
            super().__init__()
            self.deconv_layers = nn.Identity()
            self.final_layer = nn.Conv2d(in_channels, joints, kernel_size=1, stride=1, padding=0)

        def forward(self, x):
            if isinstance(x, list):
                x = x[0]
            return self.final_layer(self.deconv_layers(x))

    class TopDown(nn.Module):
        """mmpose TopDown reduced to forward_dummy: backbone, then the keypoint head."""

        def __init__(self, backbone, head):
            super().__init__()
            self.backbone = backbone
            if head is not None:
                self.keypoint_head = head

        def forward(self, img):
            out = self.backbone(img)
            if hasattr(self, 'keypoint_head'):
                out = self.keypoint_head(out)
            return out

    class AblatedShuffleUnit(official.ShuffleUnit):
        """Paper Table 6's shuffle unit with one or both 1x1 convs dropped. The official code has
        no such switch; this is the one edit: after the official unit is built, its branch2
        Sequential is replaced by the kept layers, in order (the official 3x3 depthwise
        ConvModule itself; a kept 1x1 is a ConvModule with BN and no activation, the structure
        DESIGN.md and src/lib/model/build.ts give these variants). forward() is the official one."""

        def __init__(self, channels, variant, conv_cfg=None, norm_cfg=dict(type='BN'), **kw):
            super().__init__(channels, channels, stride=1, conv_cfg=conv_cfg, norm_cfg=norm_cfg,
                             **kw)
            half = channels // 2

            def pointwise():
                return official.ConvModule(half, half, kernel_size=1, stride=1, padding=0,
                                           conv_cfg=conv_cfg, norm_cfg=norm_cfg, act_cfg=None)

            layers = []
            if variant == 'naive_no_last_1x1':
                layers.append(pointwise())
            layers.append(self.branch2[1])
            if variant == 'naive_no_first_1x1':
                layers.append(pointwise())
            self.branch2 = nn.Sequential(*layers)

    class AblatedModule(official.LiteHRModule):
        """A NAIVE LiteHRModule whose branches are made of AblatedShuffleUnit."""

        def __init__(self, num_branches, num_blocks, in_channels, reduce_ratio, module_type,
                     **kw):
            self.variant = module_type  # read by _make_one_branch during super().__init__
            super().__init__(num_branches, num_blocks, in_channels, reduce_ratio, 'NAIVE', **kw)

        def _make_one_branch(self, branch_index, num_blocks, stride=1):
            return nn.Sequential(*[
                AblatedShuffleUnit(self.in_channels[branch_index], self.variant,
                                   conv_cfg=self.conv_cfg, norm_cfg=self.norm_cfg,
                                   with_cp=self.with_cp) for _ in range(num_blocks)
            ])

    official_module = official.LiteHRModule

    def module_factory(num_branches, num_blocks, in_channels, reduce_ratio, module_type, **kw):
        cls = AblatedModule if module_type in ABLATIONS else official_module
        return cls(num_branches, num_blocks, in_channels, reduce_ratio, module_type, **kw)

    @contextmanager
    def ablation_modules():
        # LiteHRNet._make_stage looks `LiteHRModule` up in its module's globals at call time.
        official.LiteHRModule = module_factory
        try:
            yield
        finally:
            official.LiteHRModule = official_module

    def build(config):
        torch.manual_seed(0)
        extra = extra_of(config)
        if any(s['block'] in ABLATIONS for s in config['stages']):
            with ablation_modules():
                backbone = official.LiteHRNet(extra)
        else:
            backbone = official.LiteHRNet(extra)
        backbone.init_weights()
        last = config['stages'][-1]['widths']
        # Output width: the IterativeHead's last projection keeps branch 0's width.
        head = KeypointHead(last[0], config['joints']) if config['keypointHead'] else None
        model = TopDown(backbone, head)
        model.eval()
        return model

    return build


def hrnet_cfg_of(config):
    """Our config → the official pose_hrnet cfg (the YAML's MODEL section as a dict). Only
    configs the official code can build are accepted: its stem and layer1 are fixed (64, four
    bottlenecks to 256), it has exactly STAGE2–4, always fuses, adds every branch once, fuses
    only branch 0 in the last module and has no IterativeHead."""
    stem, stages = config['stem'], config['stages']
    fixed = (stem['type'] == 'hrnet' and stem['stemChannels'] == 64
             and stem['outChannels'] == 256 and stem['layer1Blocks'] == 4
             and stem['layer1Block'] == 'bottleneck' and len(stages) == 3
             and all(s['fuse'] and s['fusionConv'] == 'full'
                     and s['block'] in ('basic', 'bottleneck') for s in stages)
             and config['fusion'] == 'paper' and not config['multiScaleOutput']
             and not config['withHead'] and config['keypointHead'])
    if not fixed:
        raise ValueError(f'pose_hrnet cannot build {json.dumps(config)}')

    def stage(s):
        expansion = 4 if s['block'] == 'bottleneck' else 1
        n = len(s['widths'])
        return dict(NUM_MODULES=s['modules'], NUM_BRANCHES=n, BLOCK=s['block'].upper(),
                    NUM_BLOCKS=[s['blocks']] * n,
                    NUM_CHANNELS=[w // expansion for w in s['widths']], FUSE_METHOD='SUM')

    extra = dict(PRETRAINED_LAYERS=['*'], FINAL_CONV_KERNEL=1, STAGE2=stage(stages[0]),
                 STAGE3=stage(stages[1]), STAGE4=stage(stages[2]))
    return {'MODEL': {'NUM_JOINTS': config['joints'], 'EXTRA': extra}}


def make_hrnet_build(tools):
    """The unedited official PoseHighResolutionNet: its module paths are the explorer's op
    names when the stem is HRNet's (conv1, layer1.0.conv1, stage2.0.fuse_layers.0.1.0, …)."""

    def build(config):
        tools.torch.manual_seed(0)
        model = tools.pose_hrnet.PoseHighResolutionNet(hrnet_cfg_of(config))
        model.eval()
        return model

    return build


# ---------------------------------------------------------------------------------------------
# Counting.


class CallLog:
    """Per (leaf module name, call index): what each tool attributed to that call."""

    def __init__(self):
        self.rows = {}
        self.order = []

    def add(self, name, call, key, value):
        k = (name, call)
        if k not in self.rows:
            self.rows[k] = {}
            self.order.append(k)
        self.rows[k][key] = self.rows[k].get(key, 0) + value


def exact_int(value, what):
    """A tool's number as an exact integer; floats are accepted only when they hold one."""
    if hasattr(value, 'item'):
        value = value.item()
    if isinstance(value, float):
        if not (math.isfinite(value) and value == math.floor(value) and abs(value) < 2**53):
            raise ValueError(f'{what} printed {value!r}, not an integer')
        return int(value)
    return int(value)


def names_of(model):
    return {id(m): n for n, m in model.named_modules()}


@contextmanager
def call_counter(model):
    """A per-module call index, kept by forward pre-hooks of our own (read by the wrappers),
    plus the stack of modules whose forward is running (the owner of a functional op)."""
    names = names_of(model)
    calls, current, stack, handles = {}, {}, [], []

    def pre(m, _inp):
        n = names[id(m)]
        current[n] = calls.get(n, -1) + 1
        calls[n] = current[n]
        stack.append(n)

    def post(m, _inp, _out):
        stack.pop()

    for m in model.modules():
        handles.append(m.register_forward_pre_hook(pre))
        handles.append(m.register_forward_hook(post))
    try:
        yield names, current, stack
    finally:
        for h in handles:
            h.remove()


def run_torchstat(tools, model, shape, log):
    """What tools/summary_network.py sums: every leaf's last-call record (analyze() keeps one
    record per name, overwritten on each call). Returns (Flops, MAdd, params)."""
    analyzer = tools.torchstat_analyzer
    original = analyzer.compute_flops
    records = []
    with call_counter(model) as (names, current, _):

        def flops(module, inp, out):
            value = original(module, inp, out)
            n = names[id(module)]
            records.append((n, current[n], value))
            return value

        analyzer.compute_flops = flops
        try:
            nodes = tools.torchstat.analyze(model, shape, 1)
        finally:
            analyzer.compute_flops = original
    total_flops = sum(exact_int(n.Flops, 'torchstat Flops') for n in nodes)
    total_madd = sum(exact_int(n.MAdd, 'torchstat MAdd') for n in nodes)
    params = sum(exact_int(n.parameter_quantity, 'torchstat params') for n in nodes)
    if log is not None:
        last = {}
        for n, call, value in records:
            last[n] = (call, value)
        for n, call, value in records:
            log.add(n, call, 'paper', exact_int(value, 'torchstat') if last[n][0] == call else 0)
    return total_flops, total_madd, params


def run_mmcv(tools, model, shape, log):
    fc = tools.mmcv_flops
    wrapped = {}
    if log is not None:
        with call_counter(model) as (names, current, _):
            for attr in dir(fc):
                if attr.endswith('_flops_counter_hook'):
                    original = getattr(fc, attr)

                    def hook(m, i, o, original=original):
                        before = m.__flops__
                        original(m, i, o)
                        n = names[id(m)]
                        log.add(n, current[n], 'mmcv', exact_int(m.__flops__ - before, 'mmcv'))

                    wrapped[attr] = original
                    setattr(fc, attr, hook)
            try:
                flops, params = _quiet(fc.get_model_complexity_info, model, shape,
                                       print_per_layer_stat=False, as_strings=False)
            finally:
                for attr, original in wrapped.items():
                    setattr(fc, attr, original)
    else:
        flops, params = _quiet(fc.get_model_complexity_info, model, shape,
                               print_per_layer_stat=False, as_strings=False)
    return exact_int(flops, 'mmcv'), exact_int(params, 'mmcv params')


def run_conv(tools, model, shape, log):
    """Conv MACs without bias: weight.numel() (k·k·C_in/groups·C_out) x H_out x W_out."""
    nn = tools.torch.nn
    total = 0
    with call_counter(model) as (names, current, _):
        handles = []

        def hook(m, _inp, out):
            nonlocal total
            macs = m.weight.numel() * out.shape[0] * out.shape[2] * out.shape[3]
            total += macs
            if log is not None:
                n = names[id(m)]
                log.add(n, current[n], 'conv', macs)

        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                handles.append(m.register_forward_hook(hook))
        try:
            with tools.torch.no_grad():
                model(tools.torch.rand(1, *shape[1:]))
        finally:
            for h in handles:
                h.remove()
    return total


def run_fvcore(tools, model, shape):
    x = tools.torch.rand(*shape)
    analysis = tools.fvcore.FlopCountAnalysis(model, x)
    analysis.unsupported_ops_warnings(False).uncalled_modules_warnings(False)
    analysis.tracer_warnings('none')
    total = exact_int(analysis.total(), 'fvcore')
    by_op = {k: exact_int(v, 'fvcore') for k, v in sorted(analysis.by_operator().items())}
    skipped = {k: int(v) for k, v in sorted(analysis.unsupported_ops().items())}
    return total, by_op, skipped


def run_ptflops(tools, model, shape, backend, log):
    ptflops = tools.ptflops
    if backend == 'pytorch' and log is not None:
        ops = ptflops.pytorch_ops
        saved = []
        with call_counter(model) as (names, current, stack):
            # Module hooks: the delta of module.__flops__ on each call.
            for cls, original in list(ops.MODULES_MAPPING.items()):

                def hook(m, i, o, original=original):
                    before = m.__flops__
                    original(m, i, o)
                    n = names[id(m)]
                    log.add(n, current[n], 'ptflops', exact_int(m.__flops__ - before, 'ptflops'))

                saved.append((ops.MODULES_MAPPING, cls, original))
                ops.MODULES_MAPPING[cls] = hook
            # Functional / tensor-op patches: attributed to the module whose forward ran them.
            # Inside a leaf module (nn.ReLU calls F.relu, nn.Upsample F.interpolate) they add to
            # that module's call; elsewhere they get a row "<owner>#<function>", numbered.
            fn_calls = {}
            leaf_names = {n for n, m in model.named_modules() if not list(m.children())}
            for table in (ops.FUNCTIONAL_MAPPING, ops.TENSOR_OPS_MAPPING):
                for fn, original in list(table.items()):

                    def counted(*a, original=original, fname=fn.__name__, **k):
                        value = original(*a, **k)
                        owner = stack[-1] if stack else ''
                        if owner in leaf_names:
                            log.add(owner, current[owner], 'ptflops', exact_int(value, 'ptflops'))
                        else:
                            key = f'{owner}#{fname}'
                            fn_calls[key] = fn_calls.get(key, -1) + 1
                            log.add(key, fn_calls[key], 'ptflops', exact_int(value, 'ptflops'))
                        return value

                    saved.append((table, fn, original))
                    table[fn] = counted
            try:
                macs, params = _quiet(ptflops.get_model_complexity_info, model, tuple(shape[1:]),
                                      print_per_layer_stat=False, as_strings=False,
                                      backend=backend)
            finally:
                for table, key, original in saved:
                    table[key] = original
    else:
        macs, params = _quiet(ptflops.get_model_complexity_info, model, tuple(shape[1:]),
                              print_per_layer_stat=False, as_strings=False, backend=backend)
    if macs is None:
        return None, None
    return exact_int(macs, 'ptflops'), exact_int(params, 'ptflops params')


def run_thop(tools, model, shape, log):
    hooks = tools.thop_profile.register_hooks
    saved = dict(hooks)
    x = tools.torch.rand(*shape)
    if log is not None:
        with call_counter(model) as (names, current, _):
            for cls, original in saved.items():

                def hook(m, i, o, original=original):
                    before = float(m.total_ops.item())
                    original(m, i, o)
                    n = names[id(m)]
                    log.add(n, current[n], 'thop',
                            exact_int(float(m.total_ops.item()) - before, 'thop'))

                hooks[cls] = hook
            try:
                macs, params = _quiet(tools.thop.profile, model, inputs=(x,), verbose=False)
            finally:
                hooks.clear()
                hooks.update(saved)
    else:
        macs, params = _quiet(tools.thop.profile, model, inputs=(x,), verbose=False)
    return exact_int(macs, 'thop'), exact_int(params, 'thop params')


SUMMARY_ROW = re.compile(r'^(\S+)\s+(\[[^\]]*\])\s*(\[[^\]]*\])\s*(\d+)\s*(\d+|Not Available)\s*$')


def run_summary(tools, model, shape, log):
    """HRNet's get_model_summary (lib/utils/utils.py), verbose: one row per call of every
    non-container module, its Multiply Adds column an exact integer for Conv (and Linear) rows.
    Its rows follow the order its hooks fire; hooks of ours registered first fire just before
    theirs on every call and say which (module path, call) each row is. Returns (MACs, params)."""
    torch = tools.torch
    fired = []
    with call_counter(model) as (names, current, _):
        handles = [m.register_forward_hook(
            lambda m, i, o: fired.append((names[id(m)], current[names[id(m)]])))
            for m in model.modules()
            if not isinstance(m, (torch.nn.ModuleList, torch.nn.Sequential)) and m is not model]
        try:
            text = tools.hrnet_utils.get_model_summary(model, torch.rand(*shape), verbose=True)
        finally:
            for h in handles:
                h.remove()
    rows = [SUMMARY_ROW.match(line) for line in text.splitlines()]
    rows = [r for r in rows if r]
    if len(rows) != len(fired):
        raise AssertionError(f'get_model_summary printed {len(rows)} rows for {len(fired)} calls')
    total = 0
    for (name, call), row in zip(fired, rows):
        if row.group(5) != 'Not Available':
            total += int(row.group(5))
            if log is not None:
                log.add(name, call, 'hrnet', int(row.group(5)))
    params = int(re.search(r'Total Parameters: ([\d,]+)', text).group(1).replace(',', ''))
    printed = float(re.search(r'Layers only\): ([\d.e+-]+) GFLOPs', text).group(1))
    if printed != total / 1024**3:
        raise AssertionError(f'get_model_summary printed {printed} GFLOPs, rows sum to {total}')
    return total, params


def _quiet(fn, *args, **kwargs):
    with redirect_stdout(StringIO()):
        return fn(*args, **kwargs)


def count(tools, build, config, with_calls, with_summary=False):
    torch = tools.torch
    h, w = config['input']['height'], config['input']['width']
    shape = (1, 3, h, w)
    log = CallLog() if with_calls else None
    fresh = lambda: build(config)  # noqa: E731  every tool gets its own, untouched model

    model = fresh()
    params = sum(p.numel() for p in model.parameters())
    with torch.no_grad():
        paper, madd, ts_params = run_torchstat(tools, model, shape, log)
        mmcv, mmcv_params = run_mmcv(tools, fresh(), (3, h, w), log)
        conv = run_conv(tools, fresh(), shape, log)
        pt, pt_params = run_ptflops(tools, fresh(), shape, 'pytorch', log)
        aten, aten_params = run_ptflops(tools, fresh(), shape, 'aten', None)
        th, th_params = run_thop(tools, fresh(), shape, log)
        summary, summary_params = (run_summary(tools, fresh(), shape, log) if with_summary
                                   else (None, params))
    notes = {}
    try:
        fv, fv_ops, fv_skipped = run_fvcore(tools, fresh(), shape)
    except Exception as e:  # noqa: BLE001  recorded, not hidden
        fv, fv_ops, fv_skipped = None, None, None
        notes['fvcore'] = f'{type(e).__name__}: {e}'
    if aten is None:
        notes['ptflops-aten'] = 'ptflops returned None (its aten backend failed on torch 1.13)'
    for tool, p in (('torchstat', ts_params), ('mmcv', mmcv_params), ('ptflops', pt_params),
                    ('thop', th_params), ('get_model_summary', summary_params)):
        if p != params:
            raise AssertionError(f'{tool} counts {p} params, the model has {params}')
    case = {
        'config': config,
        'params': params,
        'macs': {'paper': paper, 'mmcv': mmcv, 'conv': conv, 'fvcore': fv, 'ptflops': pt,
                 'ptflops-aten': aten, 'thop': th, **({'hrnet': summary} if with_summary else {})},
        'torchstatMAdd': madd,
        'fvcoreByOperator': fv_ops,
        'fvcoreSkipped': fv_skipped,
    }
    # fvcore counts a traced graph, from which the tracer drops ops whose results never reach
    # the output (with no IterativeHead, the last stage's lower branches after their last
    # fusion): its conv count may be lower than the executed convs', never higher.
    if fv_ops is not None and fv_ops.get('conv', 0) > conv:
        raise AssertionError(f'fvcore conv {fv_ops.get("conv")} > hooked conv {conv}')
    if notes:
        case['notes'] = notes
    if log is not None:
        # thop also hooks nn.Sequential containers with a zero count; those rows say nothing.
        leaves = {n for n, m in model.named_modules() if not list(m.children())}
        case['calls'] = [{'module': n, 'call': c, 'macs': log.rows[(n, c)]} for n, c in log.order
                         if n in leaves or '#' in n or any(log.rows[(n, c)].values())]
        for key, total in (('paper', paper), ('mmcv', mmcv), ('conv', conv), ('ptflops', pt),
                           ('thop', th)) + ((('hrnet', summary),) if with_summary else ()):
            rows = sum(r['macs'].get(key, 0) for r in case['calls'])
            if rows != total:
                raise AssertionError(f'{key}: per-call rows sum to {rows}, total is {total}')
    return case


# ---------------------------------------------------------------------------------------------
# Cases.

PRESETS = {
    'litehrnet_18': dict(modules=(2, 4, 2), block='lite', widths=(40, 80, 160, 320), ratio=8),
    'litehrnet_30': dict(modules=(3, 8, 3), block='lite', widths=(40, 80, 160, 320), ratio=8),
    # The official config's keypoint head says in_channels=40, which cannot run on 30 channels;
    # the README's numbers are those of the 30-wide head (DESIGN.md §2).
    'naive_litehrnet_18': dict(modules=(2, 4, 2), block='naive', widths=(30, 60, 120, 240),
                               ratio=1),
    'wider_naive_litehrnet_18': dict(modules=(2, 4, 2), block='naive',
                                     widths=(40, 80, 160, 320), ratio=1),
}
COCO_256, COCO_384, MPII_256 = (256, 192, 17), (384, 288, 17), (256, 256, 16)
# The inputs the official configs (configs/top_down/*/{coco,mpii}/*.py) define per model.
PRESET_INPUTS = {
    'litehrnet_18': (COCO_256, COCO_384, MPII_256),
    'litehrnet_30': (COCO_256, COCO_384, MPII_256),
    'naive_litehrnet_18': (COCO_256, MPII_256),
    'wider_naive_litehrnet_18': (COCO_256, MPII_256),
}


def preset_config(preset, h, w, joints, block=None):
    p = PRESETS[preset]
    return {
        'stem': {'stemChannels': 32, 'outChannels': 32, 'expandRatio': 1},
        'stages': [{
            'modules': p['modules'][s],
            'blocks': 2,
            'block': block or p['block'],
            'fuse': True,
            'reduceRatio': p['ratio'],
            'widths': list(p['widths'][:s + 2])
        } for s in range(3)],
        'withHead': True,
        'keypointHead': True,
        'joints': joints,
        'input': {'height': h, 'width': w},
        'fusion': 'official',
    }


def preset_cases():
    cases = []
    for preset, inputs in PRESET_INPUTS.items():
        for h, w, joints in inputs:
            cases.append((f'{preset}@{h}x{w}', preset_config(preset, h, w, joints)))
    # Paper Table 6: the wider naive net with the shuffle unit's 1x1 convs dropped.
    for block in ABLATIONS:
        for h, w, joints in (COCO_256, MPII_256):
            cases.append((f'wider_naive_litehrnet_18+{block}@{h}x{w}',
                          preset_config('wider_naive_litehrnet_18', h, w, joints, block)))
    return cases


BLOCKS = ('lite', 'naive') + ABLATIONS


def random_config(rng):
    """A config the explorer accepts (src/lib/model/validate.ts) and the official code runs,
    small enough to count quickly. Branch counts may jump by more than one between stages, so
    that transitions build multi-step chains."""
    n_stages = rng.randint(1, 4)
    stages = []
    for s in range(n_stages):
        block = rng.choice(BLOCKS)
        lo = 2 if block == 'lite' else 1
        branches = rng.randint(lo, 4 if rng.random() < 0.8 else 5)
        min_half = 4 if block == 'lite' else 1
        widths = [2 * rng.randint(min_half, 40) for _ in range(branches)]
        halves = sum(wd // 2 for wd in widths)
        stages.append({
            'modules': rng.randint(1, 3),
            'blocks': rng.randint(1, 3),
            'block': block,
            'fuse': rng.random() < 0.75,
            'reduceRatio': rng.randint(1, min(32, halves)),
            'widths': widths,
        })
    stem = 2 * rng.randint(2, 24)
    out = stem if rng.random() < 0.6 else stem + 2 * rng.randint(1, 8)
    max_branches = max(len(s['widths']) for s in stages)
    unit = 4 * 2**(max_branches - 1)
    side = lambda: max(32, unit * rng.randint(1, max(1, 192 // unit)))  # noqa: E731
    with_head = rng.random() < 0.7
    return {
        'stem': {'stemChannels': stem, 'outChannels': out,
                 'expandRatio': rng.choice((0.25, 0.5, 1, 1.5, 2, 3))},
        'stages': stages,
        'withHead': with_head,
        'keypointHead': rng.random() < 0.8,
        'joints': rng.randint(1, 20),
        'input': {'height': side(), 'width': side()},
        'fusion': 'official',
    }


# HRNet (pose_hrnet.py): the W32 / W48 presets at the inputs its COCO experiments use, and
# configs only it and the explorer can express (bottleneck stages, other widths, module and
# block counts, branch counts that jump by two or drop), at small inputs. pose_hrnet's forward
# feeds every transition of STAGE3 and STAGE4 the previous stage's *last* branch, also the
# transitions of existing branches whose width changes (only STAGE2's reads the one input), so
# there such a width change fails to run; these configs keep existing branches' widths.
HRNET_WIDTHS = {'hrnet_w32': 32, 'hrnet_w48': 48}


def hrnet_config(h, w, joints, modules=(1, 4, 3), blocks=(4, 4, 4), widths=None,
                 blocks_type=('basic',) * 3, width=32):
    widths = widths or [[width * 2**b for b in range(s + 2)] for s in range(3)]
    return {
        'stem': {'type': 'hrnet', 'stemChannels': 64, 'outChannels': 256, 'expandRatio': 1,
                 'layer1Blocks': 4, 'layer1Block': 'bottleneck'},
        'stages': [{
            'modules': modules[s],
            'blocks': blocks[s],
            'block': blocks_type[s],
            'fuse': True,
            'reduceRatio': 1,
            'widths': list(widths[s]),
            'fusionConv': 'full'
        } for s in range(3)],
        'withHead': False,
        'keypointHead': True,
        'joints': joints,
        'input': {'height': h, 'width': w},
        'fusion': 'paper',
        'multiScaleOutput': False,
    }


def hrnet_cases():
    cases = []
    for preset, width in HRNET_WIDTHS.items():
        for h, w, joints in (COCO_256, COCO_384):
            cases.append((f'{preset}@{h}x{w}', hrnet_config(h, w, joints, width=width)))
    cases += [
        ('hrnet-bottleneck-stages@64x96',
         hrnet_config(64, 96, 17, modules=(1, 1, 1), blocks=(1, 2, 1),
                      blocks_type=('bottleneck', 'basic', 'bottleneck'),
                      widths=[[32, 64], [32, 64, 128], [32, 64, 128, 256]])),
        ('hrnet-jump-two-branches@64x64',
         hrnet_config(64, 64, 16, modules=(2, 1, 1), blocks=(1, 1, 2),
                      widths=[[18, 36], [18, 36, 72, 144], [18, 36, 72, 144]])),
        ('hrnet-fewer-branches@128x96',
         hrnet_config(128, 96, 5, modules=(1, 2, 1), blocks=(2, 1, 1),
                      blocks_type=('basic', 'basic', 'bottleneck'),
                      widths=[[16, 32, 64], [16, 32], [16, 32, 64]])),
    ]
    return cases


def dumps(doc):
    """JSON with one case per line and, inside a case, one per-call row per line: diffable and
    a third of the size of an indented dump."""
    compact = lambda v: json.dumps(v, separators=(',', ':'))  # noqa: E731
    head = {k: v for k, v in doc.items() if k != 'cases'}
    lines = ['{'] + [f' {compact(k)}:{compact(v)},' for k, v in head.items()] + [' "cases":[']
    for i, case in enumerate(doc['cases']):
        tail = ',' if i < len(doc['cases']) - 1 else ''
        body = {k: v for k, v in case.items() if k != 'calls'}
        if 'calls' not in case:
            lines.append(f'  {compact(body)}{tail}')
            continue
        rows = case['calls']
        lines.append(f'  {compact(body)[:-1]},"calls":[')
        lines += [f'   {compact(r)}{"," if j < len(rows) - 1 else ""}' for j, r in enumerate(rows)]
        lines.append(f'  ]}}{tail}')
    lines += [' ]', '}', '']
    return '\n'.join(lines)


def main():
    args = parse_args()
    tools = Tools(args)
    build = make_model_classes(tools)
    hrnet_build = make_hrnet_build(tools) if tools.pose_hrnet else None
    os.makedirs(args.out, exist_ok=True)
    groups = []
    if args.only in (None, 'presets'):
        groups.append(('presets', preset_cases(), True))
    if args.only in (None, 'random'):
        rng = random.Random(args.seed)
        groups.append(('random', [(f'random-{args.seed}-{i:03d}', random_config(rng))
                                  for i in range(args.random)], False))
    if args.only == 'hrnet' or (args.only is None and args.hrnet):
        if not args.hrnet:
            sys.exit('--only hrnet needs --hrnet <checkout of deep-high-resolution-net.pytorch>')
        groups.append(('hrnet', hrnet_cases(), True))
    cached = {}
    if args.cache and os.path.exists(args.cache):
        with open(args.cache) as f:
            for line in f:
                case = json.loads(line)
                cached[(case['id'], json.dumps(case['config'], sort_keys=True))] = case
    for group, cases, with_calls in groups:
        out = []
        if args.range:
            start, end = (int(v) for v in args.range.split(':'))
            cases = cases[start:end]
        for i, (case_id, config) in enumerate(cases):
            key = (case_id, json.dumps(config, sort_keys=True))
            if key in cached and ('calls' in cached[key]) == with_calls:
                out.append(cached[key])
                continue
            hrnet = group == 'hrnet'
            case = {'id': case_id, **count(tools, hrnet_build if hrnet else build, config,
                                           with_calls, with_summary=hrnet)}
            out.append(case)
            if args.cache:
                with open(args.cache, 'a') as f:
                    f.write(json.dumps(case) + '\n')
            m = case['macs']
            print(f'[{group} {i + 1}/{len(cases)}] {case_id}: params {case["params"]}, '
                  f'paper {m["paper"]}, mmcv {m["mmcv"]}, fvcore {m["fvcore"]}', flush=True)
        if args.range:
            continue
        doc = {
            'generatedBy': 'tests/oracle/make_fixtures.py',
            'sources': PINNED,
            'torch': tools.torch.__version__,
            'seed': args.seed if group == 'random' else None,
            'cases': out,
        }
        path = os.path.join(args.out, f'{group}.json')
        with open(path, 'w') as f:
            f.write(dumps(doc))
        print(f'wrote {path}: {len(out)} cases')


if __name__ == '__main__':
    main()
