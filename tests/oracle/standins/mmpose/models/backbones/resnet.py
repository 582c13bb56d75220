import torch.nn as nn


# Lite-HRNet only tests `isinstance(m, BasicBlock / Bottleneck)` when zero_init_residual is set.
class BasicBlock(nn.Module):
    pass


class Bottleneck(nn.Module):
    pass
