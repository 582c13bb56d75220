/**
 * PyTorch's Adam (torch.optim.Adam: no weight decay, no amsgrad) over every trainable variable at
 * once. The gradients are laid end to end in one vector, the moments live in two more, and one
 * update is split back into the variables: about a dozen tensor ops a step plus a reshape per
 * variable, where an optimizer stepping each variable on its own (tf.train.adam) issues a dozen
 * per variable, which is most of a small network's step on tfjs. The formula is PyTorch's:
 *   m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,
 *   p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε).
 */
import * as tf from '@tensorflow/tfjs-core';

export interface AdamSettings {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** PyTorch's default, 1e-8 (tfjs's is 1e-7). */
  epsilon?: number;
}

export class FlatAdam {
  private readonly sizes: number[];
  private readonly params: tf.Variable;
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  readonly learningRate: number;
  /** Updates made so far (PyTorch's `step`). */
  steps = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    settings: AdamSettings
  ) {
    this.learningRate = settings.learningRate;
    this.beta1 = settings.beta1 ?? 0.9;
    this.beta2 = settings.beta2 ?? 0.999;
    this.epsilon = settings.epsilon ?? 1e-8;
    this.sizes = variables.map((x) => x.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    // A flat copy of the parameters: the update is one subtraction, then split to the variables.
    // Made inside tidy so the initial tensors go; the variables stay (tidy keeps variables).
    this.params = tf.tidy(() =>
      tf.variable(tf.concat(variables.map((x) => tf.reshape(x, [-1]))), false)
    );
    this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  }

  /** One update from gradients keyed by variable name (tf.variableGrads' `grads`). */
  apply(grads: tf.NamedTensorMap): void {
    this.steps++;
    const t = this.steps;
    const { beta1: b1, beta2: b2 } = this;
    tf.tidy(() => {
      const g = tf.concat(
        this.variables.map((x) => {
          const grad = grads[x.name];
          if (!grad) throw new Error(`No gradient for ${x.name}.`);
          return tf.reshape(grad, [-1]);
        })
      );
      this.m.assign(tf.add(tf.mul(this.m, b1), tf.mul(g, 1 - b1)));
      this.v.assign(tf.add(tf.mul(this.v, b2), tf.mul(tf.square(g), 1 - b2)));
      const denom = tf.add(tf.div(tf.sqrt(this.v), Math.sqrt(1 - b2 ** t)), this.epsilon);
      const step = tf.mul(tf.div(this.m, denom), this.learningRate / (1 - b1 ** t));
      this.params.assign(tf.sub(this.params, step));
      const pieces = tf.split(this.params, this.sizes);
      this.variables.forEach((x, i) => x.assign(tf.reshape(pieces[i], x.shape)));
    });
  }

  dispose(): void {
    tf.dispose([this.params, this.m, this.v]);
  }
}
