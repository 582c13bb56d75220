/** Short names of ops for diagram nodes, in the paper's vocabulary. */
import type { Op } from '$lib/model';

export function opShortLabel(op: Op): string {
  switch (op.kind) {
    case 'conv2d': {
      const a = op.attrs;
      const dw = a.groups > 1 && a.groups === a.inChannels ? 'dw ' : '';
      const s = a.stride > 1 ? ` s${a.stride}` : '';
      return `${dw}${a.kernel}×${a.kernel} conv${s}`;
    }
    case 'batchnorm':
      return 'BN';
    case 'relu':
      return 'ReLU';
    case 'sigmoid':
      return 'sigmoid';
    case 'global_avgpool':
      return 'global pool';
    case 'upsample_nearest':
      return `upsample ×${op.attrs.scale}`;
    case 'adaptive_avgpool':
      return 'pool to min';
    case 'resize_nearest':
      return 'resize back';
    case 'resize_bilinear':
      return 'bilinear resize';
    case 'slice':
      return op.attrs.start === 0 ? 'split: 1st half' : 'split: 2nd half';
    case 'concat':
      return 'concat';
    case 'channel_shuffle':
      return 'shuffle';
    case 'mul':
      return '× weights';
    case 'add':
      return '+';
  }
}

/** Even shorter, for narrow nodes (fusion chains). */
export function opTinyLabel(op: Op): string {
  switch (op.kind) {
    case 'conv2d':
      return op.attrs.kernel === 1 ? '1×1' : `dw${op.attrs.stride > 1 ? '↓' : ''}`;
    case 'batchnorm':
      return 'BN';
    case 'relu':
      return 'ReLU';
    case 'upsample_nearest':
      return `↑${op.attrs.scale}`;
    case 'add':
      return '+';
    default:
      return opShortLabel(op);
  }
}
