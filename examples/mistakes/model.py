"""A small PyTorch classifier with two of the mistakes `actv check` finds (README.md)."""
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, n_features=20, n_classes=3):
        super().__init__()
        self.fc1 = nn.Linear(n_features, 64)
        self.fc2 = nn.Linear(64, 64)
        self.out = nn.Linear(64, n_classes)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = self.fc2(x)  # no activation: fc2 and out collapse into one linear map
        return F.softmax(self.out(x), dim=1)  # probabilities, into CrossEntropyLoss (train.py)
