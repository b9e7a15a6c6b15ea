"""actv check's rules on wrong and right code: every rule's own examples (those that
--explain prints), then the flows real code has (across methods, files, wrappers),
then correct code that a careless linter would flag."""
import pytest

from activation_cli.check.rules import RULES


def _examples():
    for rule in RULES:
        for example in rule.examples:
            yield pytest.param(rule.code, example, id=f"{rule.code}-{example.framework}")


@pytest.mark.parametrize(("code", "example"), list(_examples()))
def test_each_rules_wrong_example_is_flagged_and_right_example_is_clean(lint, code, example):
    assert code in {found[0] for found in lint({"wrong.py": example.wrong}, "wrong.py")}
    assert lint({"right.py": example.right}, "right.py") == []


def test_every_rule_has_a_pytorch_and_a_keras_example():
    for rule in RULES:
        assert {"PyTorch", "Keras"} <= {e.framework for e in rule.examples}, rule.code


HEAD = """\
import torch
import torch.nn as nn
import torch.nn.functional as F
"""

# (files, expected (code, path, line)); the first file is where the finding is, unless named.
CASES = {
    "lightning: softmax in validation_step before self.criterion": ({"lit.py": HEAD + """\
import pytorch_lightning as pl

class Classifier(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 5))
        self.criterion = nn.CrossEntropyLoss()

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        return self.criterion(self(x), y)

    def validation_step(self, batch, batch_idx):
        x, y = batch
        y_hat = torch.softmax(self(x), dim=1)
        self.log("val_loss", self.criterion(y_hat, y))
"""}, [("ACT101", "lit.py", 21)]),
    "model.py returns log_softmax, main.py builds CrossEntropyLoss": ({
        "pkg/model.py": HEAD + """\

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x.view(-1, 784)))
        return F.log_softmax(self.fc2(x), dim=1)
""", "pkg/__init__.py": "", "main.py": HEAD + """\
from pkg.model import Net

def train(model, loader, criterion):
    for data, target in loader:
        loss = criterion(model(data), target)
        loss.backward()

model = Net()
train(model, train_loader, nn.CrossEntropyLoss())
"""}, [("ACT104", "pkg/model.py", 13)]),
    "relative import of the model class": ({
        "app/nets.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.out = nn.Linear(8, 1)

    def forward(self, x):
        return torch.sigmoid(self.out(x))
""", "app/__init__.py": "", "app/run.py": HEAD + """\
from .nets import Net

net = Net()
criterion = nn.BCEWithLogitsLoss()
for x, y in loader:
    criterion(net(x), y).backward()
"""}, [("ACT102", "app/nets.py", 10)]),
    "wrapper given the module class and criterion=nn.CrossEntropyLoss": ({"skorch_model.py": HEAD + """\
from skorch import NeuralNetClassifier

class Module(nn.Module):
    def __init__(self, num_units=10):
        super().__init__()
        self.dense = nn.Linear(20, num_units)
        self.output = nn.Linear(num_units, 2)
        self.softmax = nn.Softmax(dim=-1)

    def forward(self, X):
        X = F.relu(self.dense(X))
        return self.softmax(self.output(X))

net = NeuralNetClassifier(Module, max_epochs=10, criterion=nn.CrossEntropyLoss)
"""}, [("ACT101", "skorch_model.py", 15)]),
    "nn.Sequential(self.fc4, self.softmax) built inside forward": ({"head.py": HEAD + """\
class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc4 = nn.Linear(64, 10)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        return nn.Sequential(self.fc4, self.softmax)(x)

model = Head()
loss = nn.CrossEntropyLoss()(model(inputs), labels)
"""}, [("ACT101", "head.py", 8)]),
    "self.model(x) through a trainer class": ({"trainer.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=-1)

class Trainer:
    def __init__(self, model, criterion):
        self.model = model
        self.criterion = criterion

    def step(self, x, y):
        return self.criterion(self.model(x), y)

Trainer(Net(), nn.CrossEntropyLoss()).step(x, y)
"""}, [("ACT101", "trainer.py", 10)]),
    "exp of log_softmax into cross_entropy": ({"expls.py": HEAD + """\
def loss(logits, y):
    probs = torch.exp(F.log_softmax(logits, dim=1))
    return F.cross_entropy(probs, y)
"""}, [("ACT101", "expls.py", 5)]),
    "BCELoss on a value named logits": ({"named.py": HEAD + """\
def step(model, x, y):
    logits = model(x)
    return F.binary_cross_entropy(logits, y)
"""}, [("ACT103", "named.py", 6)]),
    "NLLLoss on raw scores": ({"nll.py": HEAD + """\
model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 4))
criterion = nn.NLLLoss()
loss = criterion(model(x), y)
"""}, [("ACT103", "nll.py", 6)]),
    "NLLLoss on softmax probabilities": ({"nllsm.py": HEAD + """\
def loss(scores, y):
    return F.nll_loss(F.softmax(scores, dim=1), y)
"""}, [("ACT103", "nllsm.py", 5)]),
    "keras functional model compiled with from_logits=True": ({"functional.py": """\
from tensorflow import keras
from tensorflow.keras import layers as L

inputs = keras.Input(shape=(32,))
x = L.Dense(64, activation="relu", kernel_initializer="he_normal")(inputs)
outputs = L.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True))
"""}, [("ACT101", "functional.py", 6)]),
    "keras subclassed model in a custom training loop": ({"loop.py": """\
import tensorflow as tf

class Classifier(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal")
        self.out = tf.keras.layers.Dense(10, activation="softmax")

    def call(self, inputs):
        return self.out(self.hidden(inputs))

model = Classifier()
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
for x, y in dataset:
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
"""}, [("ACT101", "loop.py", 7)]),
    "keras model built by a function, compiled in another": ({"build.py": """\
from keras import Sequential
from keras.layers import Dense, Activation

def build(n_classes):
    model = Sequential()
    model.add(Dense(n_classes))
    model.add(Activation("sigmoid"))
    return model

def compile_model(model):
    model.compile(loss="categorical_crossentropy", optimizer="sgd")

compile_model(build(5))
"""}, [("ACT107", "build.py", 7)]),
    "keras softmax with binary_crossentropy over 5 units": ({"multilabel.py": """\
import keras
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(5, activation="softmax")])
model.compile(loss="binary_crossentropy", optimizer="adam")
"""}, [("ACT107", "multilabel.py", 2)]),
    "keras sigmoid over one unit with categorical_crossentropy": ({"one.py": """\
import keras
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(loss="categorical_crossentropy", optimizer="adam")
"""}, [("ACT107", "one.py", 2)]),
    "regression with a relu output (a warning)": ({"reg.py": HEAD + """\
model = nn.Sequential(nn.Linear(10, 32), nn.Tanh(), nn.Linear(32, 1), nn.ReLU())
loss = nn.MSELoss()(model(x), y)
"""}, [("ACT107", "reg.py", 4)]),
    "tf.nn.sigmoid_cross_entropy_with_logits on a sigmoid": ({"tfsig.py": """\
import tensorflow as tf

def loss(labels, logits):
    p = tf.sigmoid(logits)
    return tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=p)
"""}, [("ACT102", "tfsig.py", 4)]),
    "relu on the logits into CrossEntropyLoss": ({"relu_ce.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return F.relu(self.fc(x))

model = Net()
loss = nn.CrossEntropyLoss()(model(x), y)
"""}, [("ACT108", "relu_ce.py", 10)]),
    "softmax without dim in a training loop": ({"nodim.py": HEAD + """\
for x, y in loader:
    probs = F.softmax(model(x))
"""}, [("ACT106", "nodim.py", 5)]),
    "nn.Softmax() without dim": ({"nodim2.py": HEAD + """\
head = nn.Sequential(nn.Linear(4, 3), nn.Softmax())
"""}, [("ACT106", "nodim2.py", 4)]),
    "softmax over dim 0 of a batch from a data loader": ({"dim0.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=0)

model = Net()
for x, y in train_loader:
    out = model(x)
"""}, [("ACT106", "dim0.py", 10)]),
    "two linear layers with dropout between, in forward": ({"collapse.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 64)
        self.drop = nn.Dropout(0.5)
        self.fc2 = nn.Linear(64, 3)

    def forward(self, x):
        return self.fc2(self.drop(self.fc1(x)))
"""}, [("ACT201", "collapse.py", 12)]),
    "conv, batch norm, conv without activation": ({"convs.py": HEAD + """\
block = nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16), nn.Conv2d(16, 16, 3), nn.ReLU())
"""}, [("ACT201", "convs.py", 4)]),
    "deep sigmoid stack built with a loop of known length": ({"deep.py": HEAD + """\
layers = []
for i in range(8):
    layers.append(nn.Linear(16, 16))
    layers.append(nn.Sigmoid())
model = nn.Sequential(*layers, nn.Linear(16, 1))
"""}, [("ACT202", "deep.py", 7)]),
    "xavier init under relu through self.modules()": ({"init.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 64)
        self.fc2 = nn.Linear(64, 1)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))
"""}, [("ACT203", "init.py", 11)]),
    "he init under tanh through self.apply": ({"apply.py": HEAD + """\
def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.kaiming_normal_(m.weight)

model = nn.Sequential(nn.Linear(10, 64), nn.Tanh(), nn.Linear(64, 1))
model.apply(init_weights)
"""}, [("ACT203", "apply.py", 6)]),
    "keras selu without lecun_normal": ({"selu.py": """\
import keras
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(32, activation="selu"),
                          keras.layers.Dense(1)])
"""}, [("ACT203", "selu.py", 2)]),
    "keras Dense then LeakyReLU layer with the default initializer": ({"leaky.py": """\
from keras import layers, models
model = models.Sequential()
model.add(layers.Dense(64, input_shape=(8,)))
model.add(layers.LeakyReLU(0.2))
model.add(layers.Dense(1, activation="sigmoid"))
"""}, [("ACT203", "leaky.py", 3)]),
    "a relu module applied after a relu inside the sequential": ({"twice.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(10, 32), nn.ReLU())
        self.head = nn.Linear(32, 1)

    def forward(self, x):
        return self.head(F.relu(self.body(x)))
"""}, [("ACT204", "twice.py", 11)]),
    "two models chosen at run time, both with the bug: each is reported": ({"both.py": HEAD + """\
class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)
        self.sm = nn.Softmax(dim=1)

    def forward(self, x):
        return x, self.sm(self.fc(x))

class B(A):
    def forward(self, x):
        return x, F.softmax(self.fc(x), dim=1)

if args.dataset == "mnist":
    net = A()
else:
    net = B()
criterion = nn.NLLLoss()
for data, labels in loader:
    _, classes = net(data)
    criterion(classes, labels)
"""}, [("ACT103", "both.py", 11), ("ACT103", "both.py", 15)]),
    "a star import from keras names the layers": ({"star.py": """\
from tensorflow.keras.layers import *
from tensorflow.keras import Model
from tensorflow.keras.losses import CategoricalCrossentropy

def build():
    inputs = Input(shape=(32, 32, 1))
    x = Flatten()(inputs)
    x = Dense(units=3)(x)
    return Model(inputs=inputs, outputs=Softmax()(x))

model = build()
model.compile(loss=CategoricalCrossentropy(from_logits=True), optimizer="adam")
"""}, [("ACT101", "star.py", 9)]),
    "Dense(1, activation='softmax') in a config dict, never applied": ({"config.py": """\
from tensorflow.keras.layers import Dense
config = {"model": [Dense(units=16, activation="tanh"), Dense(units=1, activation="softmax")]}
"""}, [("ACT105", "config.py", 2)]),
    "python 2 source is still checked": ({"old.py": """\
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def forward(self, x):
        print "shape", x.size()
        try:
            y = F.softmax(x, dim=1)
        except ValueError, e:
            print >>sys.stderr, e
        return y

loss = nn.CrossEntropyLoss()(Net()(x), y)
"""}, [("ACT101", "old.py", 8)]),
    # -- precision: right code stays clean -------------------------------------------------------
    "two models chosen at run time, one with the bug: not reported": ({"one.py": HEAD + """\
class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)

class B(A):
    def forward(self, x):
        return self.fc(x)

net = A() if args.a else B()
loss = nn.CrossEntropyLoss()(net(x), y)
"""}, []),
    "an autoencoder's linear code meeting its decoder": ({"code.py": HEAD + """\
class AE(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 3))
        self.decoder = nn.Sequential(nn.Linear(3, 64), nn.ReLU(), nn.Linear(64, 784), nn.Sigmoid())

    def forward(self, x):
        code = self.encoder(x)
        return code, self.decoder(code)
"""}, []),
    "softmax only at inference, behind self.training": ({"infer.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        logits = self.fc(x)
        if self.training:
            return logits
        return F.softmax(logits, dim=1)

model = Net()
loss = nn.CrossEntropyLoss()(model(x), y)
"""}, []),
    "softmax in a predict method, logits from forward": ({"predict.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        return self.fc(x)

    def predict(self, x):
        return self.softmax(self.forward(x))

model = Net()
loss = nn.CrossEntropyLoss()(model(x), y)
probs = model.predict(x)
"""}, []),
    "a model chosen at run time: no path certainly holds": ({"choice.py": HEAD + """\
class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)

class B(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 3)

    def forward(self, x):
        return self.fc(x)

model = A() if args.model == "a" else B()
loss = nn.CrossEntropyLoss()(model(x), y)
"""}, []),
    "a model picked by an if with a known argument": ({"known.py": HEAD + """\
class Net(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.fc = nn.Linear(10, classes)
        if classes == 1:
            self.out = nn.Sigmoid()
        else:
            self.out = nn.Softmax(dim=1)

    def forward(self, x):
        return self.out(self.fc(x))

criterion = nn.BCELoss()
loss = criterion(Net(1)(x), y)
"""}, []),
    "attention: Linear(d, 1) scores, softmax over the sequence": ({"attn.py": HEAD + """\
class Attention(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.score = nn.Linear(d, 1)

    def forward(self, h):
        weights = F.softmax(self.score(h), dim=1)
        return (weights * h).sum(dim=1)
"""}, []),
    "RL policy on one unbatched state: dim=0 is right": ({"policy.py": HEAD + """\
class Policy(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 128)
        self.fc2 = nn.Linear(128, 2)

    def forward(self, state):
        return F.softmax(self.fc2(F.relu(self.fc1(state))), dim=0)

policy = Policy()
probs = policy(torch.from_numpy(state).float())
"""}, []),
    "autoencoder: sigmoid output, MSE against its own input": ({"ae.py": HEAD + """\
class AE(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(784, 32)
        self.dec = nn.Linear(32, 784)

    def forward(self, x):
        return torch.sigmoid(self.dec(F.relu(self.enc(x))))

model = AE()
for x, _ in loader:
    loss = F.mse_loss(model(x), x)
"""}, []),
    "a GAN discriminator's sigmoid trained with MSELoss on ones and zeros (LSGAN)": ({"lsgan.py": HEAD + """\
from torch.autograd import Variable

D = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1), nn.Sigmoid())
criterion = nn.MSELoss()
for imgs, _ in loader:
    valid = Variable(Tensor(imgs.size(0), 1).fill_(1.0), requires_grad=False)
    fake = torch.zeros(imgs.size(0), 1)
    loss = criterion(D(imgs), valid) + criterion(D(generated), fake)
"""}, []),
    "BCELoss on a linear output clamped to [0, 1] is not on raw scores": ({"clamped.py": HEAD + """\
head = nn.Linear(8, 1)
loss = nn.BCELoss()(torch.clamp(head(x), 0, 1), y)
ok = nn.BCELoss()(torch.sigmoid(head(x)).clamp(1e-7, 1 - 1e-7), y)
"""}, []),
    "a generator's tanh image output trained with L1 against images": ({"pix.py": HEAD + """\
G = nn.Sequential(nn.Linear(100, 784), nn.Tanh())
conv = nn.Sequential(nn.ConvTranspose2d(64, 3, 4, 2, 1), nn.Tanh())
for imgs, z in loader:
    fake = G(z).view(z.size(0), 1, 28, 28)
    loss = nn.L1Loss()(fake, imgs) + F.mse_loss(conv(z), imgs)
"""}, []),
    "skorch with NLLLoss takes the log of the module's probabilities itself": ({"sk.py": HEAD + """\
from skorch import NeuralNetClassifier

class Module(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(20, 2)

    def forward(self, X):
        return F.softmax(self.dense(X), dim=-1)

net = NeuralNetClassifier(Module, criterion=nn.NLLLoss, max_epochs=10)
"""}, []),
    "keras autoencoder fitted on (x, x)": ({"kae.py": """\
import keras
model = keras.Sequential([keras.Input(shape=(784,)),
                          keras.layers.Dense(32, activation="relu", kernel_initializer="he_normal"),
                          keras.layers.Dense(784, activation="sigmoid")])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, x_train, epochs=5)
"""}, []),
    "log_softmax with NLLLoss, sigmoid with BCELoss, softmax with categorical_crossentropy": ({"pairs.py": HEAD + """\
import keras
a = F.nll_loss(F.log_softmax(scores, dim=1), y)
b = nn.BCELoss()(torch.sigmoid(logit), y)
c = F.cross_entropy(torch.log(F.softmax(z, dim=1) + 1e-9), y) if False else None
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
model.compile(loss="categorical_crossentropy", optimizer="adam")
"""}, []),
    "a softmax target (distillation, label smoothing) is not the prediction": ({"soft.py": HEAD + """\
def distill(student, teacher, T=2.0):
    kd = F.kl_div(F.log_softmax(student / T, dim=1), F.softmax(teacher / T, dim=1))
    ce = F.cross_entropy(student, F.softmax(teacher, dim=1))
    return kd + ce
"""}, []),
    "attention weights: softmax of tanh scores, returned by a module": ({"bahdanau.py": HEAD + """\
class Attention(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.w = nn.Linear(d, d)

    def forward(self, h):
        return F.softmax(torch.tanh(self.w(h)), dim=-1)
"""}, []),
    "a depthwise convolution and a pointwise one: a separable convolution": ({"sep.py": HEAD + """\
import keras
depthwise = nn.Sequential(nn.Conv2d(32, 32, 3, padding=1, groups=32), nn.BatchNorm2d(32), nn.Conv2d(32, 64, 1))
model = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.DepthwiseConv2D(3),
                          keras.layers.Conv2D(64, 1, activation="relu", kernel_initializer="he_normal")])
"""}, []),
    "a sigmoid applied to part of the raw output inside a loss (YOLO's objectness)": ({"yolo.py": HEAD + """\
class YoloLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.mse = nn.MSELoss()
        self.sigmoid = nn.Sigmoid()

    def forward(self, predictions, target, ious):
        return self.mse(self.sigmoid(predictions[..., 0:1]), ious * target[..., 0:1])
"""}, []),
    "a residual add between two linear layers": ({"res.py": HEAD + """\
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(8, 8)
        self.b = nn.Linear(8, 8)

    def forward(self, x):
        return self.b(x + self.a(x))
"""}, []),
    "a layer list grown in a loop of unknown length": ({"unknown.py": HEAD + """\
layers = []
for i in range(depth):
    layers += [nn.Linear(16, 16), nn.Sigmoid()]
model = nn.Sequential(*layers, nn.Linear(16, 1), nn.Sigmoid())
loss = nn.BCEWithLogitsLoss()
"""}, []),
    "a keras activation that is not known": ({"custom.py": """\
import keras
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation=my_activation)])
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
"""}, []),
    "pytorch default init under relu is not flagged; dcgan normal_ init is not either": ({"dcgan.py": HEAD + """\
def weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)

netD = nn.Sequential(nn.Conv2d(3, 64, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(64, 1, 4), nn.Sigmoid())
netD.apply(weights_init)
loss = nn.BCELoss()(netD(images).view(-1), labels)
"""}, []),
    "duplicate module names in two folders: the nearest is used": ({
        "a/model.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)
""", "b/model.py": HEAD + """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)
""", "a/train.py": HEAD + """\
from model import Net
loss = nn.CrossEntropyLoss()(Net()(x), y)
"""}, []),
}


@pytest.mark.parametrize(("files", "expected"), list(CASES.values()), ids=list(CASES))
def test_flows(lint, files, expected):
    assert lint(files) == expected


def test_noqa_silences_a_line_by_code_prefix_or_all(lint):
    files = {"m.py": HEAD + """\
a = nn.Softmax()  # noqa: ACT106
b = nn.Softmax()  # noqa
c = nn.Softmax()  # noqa: ACT1
d = nn.Softmax()  # noqa: ACT101
"""}
    assert lint(files) == [("ACT106", "m.py", 7)]


def test_select_and_ignore_by_prefix(lint):
    files = {"m.py": """\
import keras
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(1, activation="softmax")])
"""}
    assert {c for c, _, _ in lint(files)} == {"ACT105", "ACT203"}
    assert {c for c, _, _ in lint(None, select=["ACT1"])} == {"ACT105"}
    assert {c for c, _, _ in lint(None, ignore=["act2"])} == {"ACT105"}
    assert lint(None, select=["ACT2"], ignore=["ACT203"]) == []


def test_findings_in_notebooks_name_the_cell_and_skip_magics(lint):
    import json

    cells = [
        {"cell_type": "markdown", "source": ["# Train\n"]},
        {"cell_type": "code", "source": ["%matplotlib inline\n", "!pip install torch\n", "import torch.nn as nn\n",
                                         "import torch.nn.functional as F"]},
        {"cell_type": "code", "source": ["class Net(nn.Module):\n", "    def __init__(self):\n",
                                         "        super().__init__()\n", "        self.fc = nn.Linear(4, 3)\n",
                                         "    def forward(self, x):\n",
                                         "        return F.softmax(self.fc(x), dim=1)\n"]},
        {"cell_type": "code", "source": "def broken(:"},
        {"cell_type": "code", "source": ["model = Net()\n", "criterion = nn.CrossEntropyLoss()\n",
                                         "loss = criterion(model(x), y)  # noqa: ACT2\n"]},
    ]
    notebook = {"cells": cells, "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4}
    report = lint.report({"nb.ipynb": json.dumps(notebook)})
    [found] = report.diagnostics
    assert (found.code, found.cell, found.line, found.column) == ("ACT101", 3, 6, 16)
    assert found.location == "nb.ipynb:cell 3:6:16"
    assert "(cell 5, line 3)" in found.message
    assert report.skipped == [("nb.ipynb", "cell 4: syntax error at line 1: invalid syntax")]
