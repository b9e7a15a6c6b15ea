"""Trains model.Net with CrossEntropyLoss, which applies log_softmax itself."""
import torch
from torch import nn

from model import Net


def train(model, loader, epochs=10):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters())
    for _ in range(epochs):
        for x, y in loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()


if __name__ == "__main__":
    data = torch.utils.data.TensorDataset(torch.randn(256, 20), torch.randint(0, 3, (256,)))
    train(Net(), torch.utils.data.DataLoader(data, batch_size=32))
