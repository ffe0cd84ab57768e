#!/bin/sh
# (this hook file was created by `secrets hook install`)
