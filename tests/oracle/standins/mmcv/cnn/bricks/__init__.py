"""ConvModule and friends as mmcv 1.3.x documents them, reduced to what Lite-HRNet uses."""
import torch.nn as nn


# mmcv wraps these torch layers (to accept empty tensors); its FLOPs counter lists the wrappers
# next to the torch classes, so the names must exist. Lite-HRNet itself builds plain torch layers.
class Conv2d(nn.Conv2d):
    pass


class Conv3d(nn.Conv3d):
    pass


class ConvTranspose2d(nn.ConvTranspose2d):
    pass


class MaxPool2d(nn.MaxPool2d):
    pass


class MaxPool3d(nn.MaxPool3d):
    pass


class Linear(nn.Linear):
    pass


def build_conv_layer(cfg, *args, **kwargs):
    """cfg None or type 'Conv'/'Conv2d' → nn.Conv2d(*args, **kwargs)."""
    kind = 'Conv2d' if cfg is None else cfg.get('type', 'Conv2d')
    if kind not in ('Conv', 'Conv2d'):
        raise KeyError(f'conv type {kind} is not in this stand-in')
    return nn.Conv2d(*args, **kwargs)


def build_norm_layer(cfg, num_features, postfix=''):
    """type 'BN'/'BN2d' → ('bn' + postfix, nn.BatchNorm2d(num_features)) with PyTorch defaults."""
    kind = cfg.get('type')
    if kind not in ('BN', 'BN2d'):
        raise KeyError(f'norm type {kind} is not in this stand-in')
    layer = nn.BatchNorm2d(num_features, eps=cfg.get('eps', 1e-5))
    for p in layer.parameters():
        p.requires_grad = cfg.get('requires_grad', True)
    return 'bn' + str(postfix), layer


_ACTIVATIONS = {'ReLU': nn.ReLU, 'Sigmoid': nn.Sigmoid}


def build_activation_layer(cfg):
    cfg = dict(cfg)
    kind = cfg.pop('type')
    if kind not in _ACTIVATIONS:
        raise KeyError(f'activation {kind} is not in this stand-in')
    return _ACTIVATIONS[kind](**cfg)


class ConvModule(nn.Module):
    """conv → `bn` (when norm_cfg) → `activate` (when act_cfg); bias='auto' means no norm."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 groups=1, bias='auto', conv_cfg=None, norm_cfg=None, act_cfg=dict(type='ReLU'),
                 inplace=True):
        super().__init__()
        self.with_norm = norm_cfg is not None
        self.with_activation = act_cfg is not None
        if bias == 'auto':
            bias = not self.with_norm
        self.conv = build_conv_layer(conv_cfg, in_channels, out_channels, kernel_size,
                                     stride=stride, padding=padding, dilation=dilation,
                                     groups=groups, bias=bias)
        if self.with_norm:
            name, norm = build_norm_layer(norm_cfg, out_channels)
            self.norm_name = name
            self.add_module(name, norm)
        if self.with_activation:
            act = dict(act_cfg)
            # mmcv sets inplace on every activation but these few
            if act['type'] not in ('Tanh', 'PReLU', 'Sigmoid', 'HSigmoid', 'Swish'):
                act.setdefault('inplace', inplace)
            self.activate = build_activation_layer(act)

    def forward(self, x):
        x = self.conv(x)
        if self.with_norm:
            x = getattr(self, self.norm_name)(x)
        if self.with_activation:
            x = self.activate(x)
        return x


class DepthwiseSeparableConvModule(nn.Module):
    """`depthwise_conv` (groups = in_channels) then 1x1 `pointwise_conv`; the dw_/pw_ configs
    default ('default') to the shared norm_cfg / act_cfg."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                 norm_cfg=None, act_cfg=dict(type='ReLU'), dw_norm_cfg='default',
                 dw_act_cfg='default', pw_norm_cfg='default', pw_act_cfg='default', **kwargs):
        super().__init__()
        dw_norm_cfg = norm_cfg if dw_norm_cfg == 'default' else dw_norm_cfg
        dw_act_cfg = act_cfg if dw_act_cfg == 'default' else dw_act_cfg
        pw_norm_cfg = norm_cfg if pw_norm_cfg == 'default' else pw_norm_cfg
        pw_act_cfg = act_cfg if pw_act_cfg == 'default' else pw_act_cfg
        self.depthwise_conv = ConvModule(in_channels, in_channels, kernel_size, stride=stride,
                                         padding=padding, dilation=dilation, groups=in_channels,
                                         norm_cfg=dw_norm_cfg, act_cfg=dw_act_cfg, **kwargs)
        self.pointwise_conv = ConvModule(in_channels, out_channels, 1, norm_cfg=pw_norm_cfg,
                                         act_cfg=pw_act_cfg, **kwargs)

    def forward(self, x):
        return self.pointwise_conv(self.depthwise_conv(x))
