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
      // The cross-resolution weighting splits its weights per branch, not in halves.
      if (op.scope.role === 'ccw_h') return `split → branch ${(op.scope.branch ?? 0) + 1}`;
      return op.attrs.start === 0 ? 'split: 1st half' : 'split: 2nd half';
    case 'concat':
      return 'concat';
    case 'channel_shuffle':
      return 'shuffle';
    case 'mul':
      return op.scope.role === 'ccw_h'
        ? '× H weights'
        : op.scope.role === 'ccw_f'
          ? '× F weights'
          : '× weights';
    case 'add':
      return '+ (sum)';
  }
}
