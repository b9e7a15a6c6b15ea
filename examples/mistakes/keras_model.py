"""A Keras binary classifier with three of the mistakes `actv check` finds (README.md)."""
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, activation="softmax"),
])
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
