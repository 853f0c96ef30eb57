// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PaymentTx} from "./PaymentTx.sol";
import {ExitAmount} from "./ExitAmount.sol";

/// @title InFlightClaim
/// @notice What an in-flight exit must remember of an input or output to pay it: owner, token, amount,
///         in two storage slots instead of three.
/// @dev The amount is split into two 96-bit halves that fill the slots beside the two addresses, so
///      amounts below 2^192 (about 6·10^57) fit: the bound every exit game enforces (lib/ExitAmount.sol).
library InFlightClaim {
    struct Claim {
        address owner;
        address token;
        uint256 amount;
    }

    /// @dev The stored form: `owner ‖ amount high 96 bits`, `token ‖ amount low 96 bits`.
    struct Packed {
        address owner;
        uint96 amountHigh;
        address token;
        uint96 amountLow;
    }

    function fromOutput(PaymentTx.Output memory o) internal pure returns (Claim memory c) {
        ExitAmount.check(o.amount);
        c = Claim(o.owner, o.token, o.amount);
    }

    function store(Packed storage p, Claim memory c) internal {
        p.owner = c.owner;
        p.amountHigh = uint96(c.amount >> 96);
        p.token = c.token;
        p.amountLow = uint96(c.amount);
    }

    function load(Packed storage p) internal view returns (Claim memory c) {
        c.owner = p.owner;
        c.token = p.token;
        c.amount = (uint256(p.amountHigh) << 96) | p.amountLow;
    }
}
