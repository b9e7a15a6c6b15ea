"""python -m activation_cli"""
from .cli import main

main(prog_name="actv")
