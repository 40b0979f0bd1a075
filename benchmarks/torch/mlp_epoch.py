#!/usr/bin/env python3
"""Epoch time of the 784-256-128-10 ReLU MLP with torch.optim.Adam on the CPU, for comparison with PrunAdag's.

Runs only where PyTorch is installed (Debian: `apt-get install python3-torch`, then run with /usr/bin/python3).
Same network, batch size (128), loss (softmax cross-entropy), optimiser defaults (lr 1e-3) and data as
`dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- neural-ratios`: the 8000 training images of
the seeded 80:20 split of MNIST t10k when --data names the data folder (pixels / 255), else random data of the
same shape. One epoch = one pass over the 8000 samples in a fresh random order, 63 batches (the last of 64).

  mlp_epoch.py [--data DIR] [--epochs N] [--threads 2] [--dtype float32|float64]
      prints one line per epoch: "epoch <i> <seconds>"
  mlp_epoch.py --serve ...
      reads lines from stdin; each line "epoch" runs one epoch and prints its seconds; "quit" ends.
"""
import argparse
import gzip
import os
import sys
import time

import torch


def load_mnist(folder, count=8000):
    with gzip.open(os.path.join(folder, "mnist", "t10k-images-idx3-ubyte.gz"), "rb") as f:
        raw = f.read()
    with gzip.open(os.path.join(folder, "mnist", "t10k-labels-idx1-ubyte.gz"), "rb") as f:
        labels = f.read()
    images = torch.frombuffer(bytearray(raw[16:]), dtype=torch.uint8).reshape(-1, 784)
    y = torch.frombuffer(bytearray(labels[8:]), dtype=torch.uint8).long()
    # The timing does not depend on which 8000 images are used; take a fixed random subset of the same size.
    g = torch.Generator().manual_seed(1)
    order = torch.randperm(images.shape[0], generator=g)[:count]
    return images[order].double() / 255.0, y[order]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=None)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    p.add_argument("--serve", action="store_true")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    dtype = torch.float32 if a.dtype == "float32" else torch.float64
    if a.data:
        x, y = load_mnist(a.data)
    else:
        x, y = torch.rand(8000, 784, dtype=torch.float64), torch.randint(0, 10, (8000,))
    x = x.to(dtype)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).to(dtype)
    opt = torch.optim.Adam(model.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        start = time.perf_counter()
        order = torch.randperm(x.shape[0])
        for b in range(0, x.shape[0], a.batch_size):
            idx = order[b:b + a.batch_size]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        return time.perf_counter() - start

    epoch()  # warm-up
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads, {a.dtype}, "
          f"{'MNIST t10k' if a.data else 'random data'}", flush=True)
    if a.serve:
        for line in sys.stdin:
            cmd = line.strip()
            if cmd == "quit":
                break
            if cmd == "epoch":
                print(f"{epoch():.6f}", flush=True)
        return
    for i in range(a.epochs):
        print(f"epoch {i} {epoch():.6f}", flush=True)


if __name__ == "__main__":
    main()
