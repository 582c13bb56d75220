/**
 * mmpose's JointsMSELoss with use_target_weight=True (mmpose 0.x, models/losses/mse_loss.py, the
 * loss of the official Lite-HRNet configs): for each joint j, nn.MSELoss (the mean over batch and
 * heatmap pixels) of pred·w_j against target·w_j, summed over joints and divided by the joint
 * count. All joints have the same pixel count, so that is the mean over every element of
 * ((pred − target) · w)², w broadcast over each joint's heatmap. mmpose's version has no factor
 * 0.5 (HRNet's original pose code, lib/core/loss.py, multiplies each joint's term by 0.5; mmpose
 * dropped it), so neither does this one.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * pred, target: [n, h, w, joints] (NHWC heatmaps); weights: [n, joints]. Returns a scalar.
 */
export function jointsMseLoss(pred: tf.Tensor4D, target: tf.Tensor4D, weights: tf.Tensor2D) {
  return tf.tidy(() => {
    const [n, , , joints] = pred.shape;
    const w = tf.reshape(weights, [n, 1, 1, joints]);
    return tf.mean(tf.square(tf.mul(tf.sub(pred, target), w))) as tf.Scalar;
  });
}
