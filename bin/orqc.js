#!/usr/bin/env node
import "../dist/orqc.js";
