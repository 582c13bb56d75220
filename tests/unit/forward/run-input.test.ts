import { describe, expect, it } from 'vitest';
import { tensorProblem } from '../../../src/lib/components/forward/run-input';
import { nchwInputProblem } from '../../../src/lib/tf/input';

const tensor = (shape: number[]) => ({
  label: 'x.npy',
  shape,
  data: new Float32Array(shape.reduce((a, b) => a * b, 1))
});
const input = { height: 64, width: 48 };

describe('an input tensor that cannot feed the network says why', () => {
  it('a 3-D tensor needs 4 dimensions, N×3×H×W, and has 3', () => {
    expect(tensorProblem(tensor([3, 64, 48]), input)).toBe(
      'The input tensor x.npy needs 4 dimensions, N×3×H×W, and has 3 (3×64×48). The image is used instead.'
    );
  });

  it('a batch of 2 and a 1-channel image are named as such', () => {
    expect(nchwInputProblem([2, 3, 64, 48])).toBe(
      'needs one image (N = 1 in N×3×H×W); it has N = 2'
    );
    expect(nchwInputProblem([1, 1, 64, 48])).toBe(
      'needs 3 colour channels (C = 3 in N×3×H×W); it has C = 1'
    );
  });

  it('a 1×3×H×W tensor of another size says which size the network needs', () => {
    expect(tensorProblem(tensor([1, 3, 32, 32]), input)).toContain(
      'is 1x3x32x32; this network needs 1x3x64x48'
    );
    expect(tensorProblem(tensor([1, 3, 64, 48]), input)).toBeNull();
  });
});
