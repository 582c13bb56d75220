"""A small PyTorch Lite-HRNet, written for this project, that computes what the official code computes.

Why it exists: the explorer runs Lite-HRNet in the browser and must match PyTorch to 1e-4. This
file is the PyTorch side. It mirrors the module names of HRNet/Lite-HRNet
(`models/backbones/litehrnet.py`, commit 7b9049d) and mmcv's ConvModule (`conv`, `bn`,
`activate`), so its state_dict keys are exactly an official checkpoint's keys and exactly the
names `buildGraph` gives its ops. mmcv and mmpose are not needed.

It reads the explorer's JSON config (README, "A config file"); `fusion` picks the official fusion
(branch 0 added twice, in place, so later outputs read the doubled sum) or the paper's.

Regenerating the committed fixtures (CI never runs Python; tests only read tests/parity/fixtures):

    apt-get update && apt-get install -y python3-torch      # Debian's torch 1.13
    npx tsx tests/parity/dump-expected-keys.ts               # our graph's state_dict names
    /usr/bin/python3 tests/parity/make_fixtures.py           # weights, inputs, heatmaps

`make_fixtures.py` checks the parameter count of Lite-HRNet-18 (1,130,769 with 17 joints, the
official README's number) and that this model's state_dict keys and shapes equal those our graph
expects, before writing anything.
"""

import json

import torch
import torch.nn as nn
import torch.nn.functional as F


def channel_shuffle(x, groups):
    # mmpose's channel_shuffle: view as groups x C/groups, transpose, flatten.
    n, c, h, w = x.shape
    x = x.view(n, groups, c // groups, h, w).transpose(1, 2).contiguous()
    return x.view(n, c, h, w)


class ConvModule(nn.Module):
    """mmcv's ConvModule as Lite-HRNet uses it: conv (bias only without a norm) -> bn -> activate."""

    def __init__(self, cin, cout, k, stride=1, groups=1, norm=True, act='relu'):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=not norm)
        if norm:
            self.bn = nn.BatchNorm2d(cout)
        if act == 'relu':
            self.activate = nn.ReLU(inplace=True)
        elif act == 'sigmoid':
            self.activate = nn.Sigmoid()
        self.has_norm = norm
        self.has_act = act is not None

    def forward(self, x):
        x = self.conv(x)
        if self.has_norm:
            x = self.bn(x)
        if self.has_act:
            x = self.activate(x)
        return x


def dw_separable_step(cin, cout, stride, relu):
    """The plain nn.Sequential of transitions and fusion: dw 3x3, BN, 1x1, BN (, ReLU)."""
    layers = [
        nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False),
        nn.BatchNorm2d(cin),
        nn.Conv2d(cin, cout, 1, bias=False),
        nn.BatchNorm2d(cout),
    ]
    if relu:
        layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Stem(nn.Module):
    def __init__(self, stem_channels, out_channels, expand_ratio):
        super().__init__()
        mid = int(round(stem_channels * expand_ratio))
        half = stem_channels // 2
        same = stem_channels == out_channels
        self.conv1 = ConvModule(3, stem_channels, 3, stride=2)
        self.branch1 = nn.Sequential(
            ConvModule(half, half, 3, stride=2, groups=half, act=None),
            ConvModule(half, out_channels - half if same else out_channels - stem_channels, 1),
        )
        self.expand_conv = ConvModule(half, mid, 1)
        self.depthwise_conv = ConvModule(mid, mid, 3, stride=2, groups=mid, act=None)
        self.linear_conv = ConvModule(mid, half if same else stem_channels, 1)

    def forward(self, x):
        x = self.conv1(x)
        x1, x2 = x.chunk(2, dim=1)
        x2 = self.linear_conv(self.depthwise_conv(self.expand_conv(x2)))
        return channel_shuffle(torch.cat((self.branch1(x1), x2), dim=1), 2)


class SpatialWeighting(nn.Module):
    def __init__(self, channels):
        super().__init__()
        # The official block fixes ratio 4 here, whatever the config's reduce ratios say.
        self.global_avgpool = nn.AdaptiveAvgPool2d(1)
        self.conv1 = ConvModule(channels, int(channels / 4), 1, norm=False)
        self.conv2 = ConvModule(int(channels / 4), channels, 1, norm=False, act='sigmoid')

    def forward(self, x):
        return x * self.conv2(self.conv1(self.global_avgpool(x)))


class CrossResolutionWeighting(nn.Module):
    def __init__(self, channels, ratio):
        super().__init__()
        self.channels = channels
        total = sum(channels)
        self.conv1 = ConvModule(total, int(total / ratio), 1)
        self.conv2 = ConvModule(int(total / ratio), total, 1, act='sigmoid')

    def forward(self, xs):
        size = xs[-1].shape[-2:]
        pooled = [F.adaptive_avg_pool2d(s, size) for s in xs[:-1]] + [xs[-1]]
        w = self.conv2(self.conv1(torch.cat(pooled, dim=1)))
        parts = torch.split(w, self.channels, dim=1)
        return [s * F.interpolate(a, size=s.shape[-2:], mode='nearest') for s, a in zip(xs, parts)]


class ConditionalChannelWeighting(nn.Module):
    def __init__(self, widths, reduce_ratio):
        super().__init__()
        halves = [c // 2 for c in widths]
        self.cross_resolution_weighting = CrossResolutionWeighting(halves, reduce_ratio)
        self.depthwise_convs = nn.ModuleList(
            [ConvModule(c, c, 3, groups=c, act=None) for c in halves]
        )
        self.spatial_weighting = nn.ModuleList([SpatialWeighting(c) for c in halves])

    def forward(self, xs):
        parts = [s.chunk(2, dim=1) for s in xs]
        x2 = self.cross_resolution_weighting([p[1] for p in parts])
        x2 = [dw(s) for s, dw in zip(x2, self.depthwise_convs)]
        x2 = [sw(s) for s, sw in zip(x2, self.spatial_weighting)]
        return [channel_shuffle(torch.cat([p[0], s], dim=1), 2) for p, s in zip(parts, x2)]


class ShuffleUnit(nn.Module):
    """The NAIVE block with stride 1: split, 1x1, 3x3 depthwise, 1x1 on the second half."""

    def __init__(self, channels):
        super().__init__()
        c = channels // 2
        self.branch2 = nn.Sequential(
            ConvModule(c, c, 1), ConvModule(c, c, 3, groups=c, act=None), ConvModule(c, c, 1)
        )

    def forward(self, x):
        x1, x2 = x.chunk(2, dim=1)
        return channel_shuffle(torch.cat((x1, self.branch2(x2)), dim=1), 2)


def fuse_chain(widths, i, j):
    """fuse_layers[i][j]: how branch j reaches output i (None on the diagonal)."""
    if j > i:
        return nn.Sequential(
            nn.Conv2d(widths[j], widths[i], 1, bias=False),
            nn.BatchNorm2d(widths[i]),
            nn.Upsample(scale_factor=2 ** (j - i), mode='nearest'),
        )
    if j == i:
        return None
    steps = i - j
    return nn.Sequential(
        *[
            dw_separable_step(widths[j], widths[i] if k == steps - 1 else widths[j], 2, k < steps - 1)
            for k in range(steps)
        ]
    )


class LiteHRModule(nn.Module):
    def __init__(self, stage, fusion):
        super().__init__()
        widths = stage['widths']
        self.branches = len(widths)
        self.block = stage['block']
        self.fuse = stage['fuse']
        self.fusion = fusion
        if self.block == 'lite':
            self.layers = nn.Sequential(
                *[ConditionalChannelWeighting(widths, stage['reduceRatio']) for _ in range(stage['blocks'])]
            )
        elif self.block == 'naive':
            self.layers = nn.ModuleList(
                [nn.Sequential(*[ShuffleUnit(c) for _ in range(stage['blocks'])]) for c in widths]
            )
        else:
            raise ValueError(f"block {self.block} is not in the reference")
        if self.fuse:
            self.fuse_layers = nn.ModuleList(
                [nn.ModuleList([fuse_chain(widths, i, j) for j in range(self.branches)]) for i in range(self.branches)]
            )
            self.relu = nn.ReLU()

    def forward(self, xs):
        if self.branches == 1:
            # The official module runs only its first layer on a single branch.
            return [self.layers[0](xs[0])]
        out = self.layers(xs) if self.block == 'lite' else [layer(x) for layer, x in zip(self.layers, xs)]
        if not self.fuse:
            return out
        return self.fuse_official(out) if self.fusion == 'official' else self.fuse_paper(out)

    def fuse_official(self, out):
        # The official loop, kept with its in-place `+=`: for i = 0, y IS out[0], and the loop
        # starts at j = 0, so out[0] is doubled in place and then holds the pre-ReLU sum S0;
        # every later output applies its branch-0 chain to S0, once for the seed and once in the loop.
        fused = []
        for i in range(self.branches):
            y = out[0] if i == 0 else self.fuse_layers[i][0](out[0])
            for j in range(self.branches):
                if i == j:
                    y += out[j]
                else:
                    y += self.fuse_layers[i][j](out[j])
            fused.append(self.relu(y))
        return fused

    def fuse_paper(self, out):
        # What the paper describes: every branch added once, on the unmodified branch 0.
        fused = []
        for i in range(self.branches):
            terms = [out[j] if i == j else self.fuse_layers[i][j](out[j]) for j in range(self.branches)]
            fused.append(self.relu(sum(terms[1:], terms[0])))
        return fused


class IterativeHead(nn.Module):
    def __init__(self, widths):
        super().__init__()
        rev = widths[::-1]
        projects = []
        for i, c in enumerate(rev):
            out = rev[i + 1] if i + 1 < len(rev) else c
            step = nn.Module()  # mmcv's DepthwiseSeparableConvModule: depthwise_conv, pointwise_conv
            step.depthwise_conv = ConvModule(c, c, 3, groups=c, act=None)
            step.pointwise_conv = ConvModule(c, out, 1)
            projects.append(step)
        self.projects = nn.ModuleList(projects)

    def forward(self, xs):
        last = None
        ys = []
        for i, s in enumerate(xs[::-1]):
            if last is not None:
                s = s + F.interpolate(last, size=s.shape[-2:], mode='bilinear', align_corners=True)
            p = self.projects[i]
            s = p.pointwise_conv(p.depthwise_conv(s))
            ys.append(s)
            last = s
        return ys[::-1]


class LiteHRNet(nn.Module):
    def __init__(self, config):
        super().__init__()
        stem = config['stem']
        fusion = config['fusion']
        self.stem = Stem(stem['stemChannels'], stem['outChannels'], stem['expandRatio'])
        self.num_stages = len(config['stages'])
        prev = [stem['outChannels']]
        for s, stage in enumerate(config['stages']):
            setattr(self, f'transition{s}', self.make_transition(prev, stage['widths']))
            setattr(self, f'stage{s}', nn.Sequential(*[LiteHRModule(stage, fusion) for _ in range(stage['modules'])]))
            prev = stage['widths']
        self.with_head = config['withHead']
        if self.with_head:
            self.head_layer = IterativeHead(prev)

    @staticmethod
    def make_transition(prev, widths):
        layers = []
        for i, c in enumerate(widths):
            if i < len(prev):
                layers.append(None if prev[i] == c else dw_separable_step(prev[i], c, 1, True))
            else:
                steps = i + 1 - len(prev)
                last = prev[-1]
                layers.append(
                    nn.Sequential(*[dw_separable_step(last, c if k == steps - 1 else last, 2, True) for k in range(steps)])
                )
        return nn.ModuleList(layers)

    def forward(self, x):
        ys = [self.stem(x)]
        for s in range(self.num_stages):
            transition = getattr(self, f'transition{s}')
            xs = []
            for j, t in enumerate(transition):
                if t is None:
                    xs.append(ys[j])
                else:
                    xs.append(t(ys[-1] if j >= len(ys) else ys[j]))
            ys = getattr(self, f'stage{s}')(xs)
        if self.with_head:
            ys = self.head_layer(ys)
        return ys[0]


class KeypointHead(nn.Module):
    """mmpose's TopDownSimpleHead with no deconvolutions and a 1x1 final conv."""

    def __init__(self, cin, joints):
        super().__init__()
        self.final_layer = nn.Conv2d(cin, joints, 1)

    def forward(self, x):
        return self.final_layer(x)


class TopDown(nn.Module):
    """The mmpose TopDown wrapper: its attribute names give the `backbone.` / `keypoint_head.` prefixes."""

    def __init__(self, config):
        super().__init__()
        self.backbone = LiteHRNet(config)
        self.with_keypoint = config['keypointHead']
        if self.with_keypoint:
            self.keypoint_head = KeypointHead(config['stages'][-1]['widths'][0], config['joints'])

    def forward(self, x):
        y = self.backbone(x)
        return self.keypoint_head(y) if self.with_keypoint else y


def load_config(path):
    with open(path) as f:
        return json.load(f)
