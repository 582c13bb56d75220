"""One training step of tiny-lite in PyTorch: the oracle for tests/unit/train/pytorch-step.test.ts.

    npx tsx tests/parity/dump-train-inputs.ts /tmp/train-step     # our init weights and a batch
    /usr/bin/python3 tests/parity/make_train_fixture.py /tmp/train-step

Loads the project's PyTorch reference model (reference.py, official module names) with the
explorer's initial weights (strict), puts it in train mode and runs the batch: BatchNorm with
batch statistics, mmpose's JointsMSELoss(use_target_weight=True) written as mmpose 0.x writes
it (per joint nn.MSELoss of pred·w against target·w, summed, divided by the joint count), then
backward. Writes tests/parity/fixtures/train-step.json (the loss) and train-step.pth, a
state_dict-shaped file holding, under each key: the gradient for weights and biases, the
running mean and variance after the step, and num_batches_tracked after the step.

It also checks the optimizer on its own: torch.optim.Adam (lr ADAM_LR, PyTorch's defaults
otherwise) takes two steps from the initial weights, the first with those gradients and the
second with them times ADAM_SECOND_SCALE; train-adam.npy holds the parameters after both, end
to end in the order of the JSON's adam.keys.
"""

import json
import os
import sys
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reference import TopDown  # noqa: E402

ADAM_LR = 0.01
ADAM_SECOND_SCALE = -0.5


def joints_mse_loss(output, target, target_weight):
    """mmpose 0.x JointsMSELoss.forward with use_target_weight=True."""
    criterion = nn.MSELoss()
    batch_size, num_joints = output.size(0), output.size(1)
    pred = output.reshape((batch_size, num_joints, -1)).split(1, 1)
    gt = target.reshape((batch_size, num_joints, -1)).split(1, 1)
    loss = 0.0
    for idx in range(num_joints):
        p, g = pred[idx].squeeze(1), gt[idx].squeeze(1)
        loss += criterion(p.mul(target_weight[:, idx]), g.mul(target_weight[:, idx]))
    return loss / num_joints


def main(src):
    with open(os.path.join(src, 'config.json')) as f:
        config = json.load(f)
    model = TopDown(config)
    model.load_state_dict(torch.load(os.path.join(src, 'init.pth')), strict=True)
    model.train()
    images = torch.from_numpy(np.load(os.path.join(src, 'images.npy')))
    targets = torch.from_numpy(np.load(os.path.join(src, 'targets.npy')))
    weights = torch.from_numpy(np.load(os.path.join(src, 'weights.npy'))).unsqueeze(-1)
    loss = joints_mse_loss(model(images), targets, weights)
    loss.backward()
    params = dict(model.named_parameters())
    out = OrderedDict()
    for key, value in model.state_dict().items():
        out[key] = params[key].grad.detach().clone() if key in params else value.clone()
    torch.save(out, os.path.join(HERE, 'fixtures', 'train-step.pth'))
    adam = torch.optim.Adam(model.parameters(), lr=ADAM_LR)
    adam.step()
    for p in model.parameters():
        p.grad.mul_(ADAM_SECOND_SCALE)
    adam.step()
    # The parameters end to end as one float32 .npy (a .pth of every tensor costs twice the
    # bytes), in named_parameters order; their names go in the JSON.
    named = list(model.named_parameters())
    flat = torch.cat([p.detach().reshape(-1) for _, p in named]).numpy().astype('<f4')
    np.save(os.path.join(HERE, 'fixtures', 'train-adam.npy'), flat)
    with open(os.path.join(HERE, 'fixtures', 'train-step.json'), 'w') as f:
        json.dump(
            {
                'loss': loss.item(),
                'adam': {
                    'lr': ADAM_LR,
                    'secondScale': ADAM_SECOND_SCALE,
                    'keys': [k for k, _ in named],
                },
                'torch': torch.__version__,
            },
            f,
            indent=2,
        )
        f.write('\n')
    print(f'loss {loss.item():.9g}; {len(out)} tensors written')


if __name__ == '__main__':
    main(sys.argv[1])
