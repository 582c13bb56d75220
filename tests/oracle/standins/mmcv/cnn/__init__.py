from .bricks import (ConvModule, DepthwiseSeparableConvModule, build_activation_layer,
                     build_conv_layer, build_norm_layer)
from .weight_init import constant_init, normal_init

__all__ = [
    'ConvModule', 'DepthwiseSeparableConvModule', 'build_activation_layer', 'build_conv_layer',
    'build_norm_layer', 'constant_init', 'normal_init'
]
