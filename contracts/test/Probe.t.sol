// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;
import {Probe} from "../src/Probe.sol";
contract ProbeTest { function test_probe() public { Probe p = new Probe(); require(address(p) != address(0)); } }
