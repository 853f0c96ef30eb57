// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title BoundedPush
/// @notice A push payment with a gas cap that reports failure instead of reverting, so that one payee that
///         reverts, burns gas or returns junk can never block a queue or a batch of payouts.
library BoundedPush {
    /// @notice Sends `amount` of `token` (zero address = ETH) to `to`; false if the transfer failed.
    /// @dev Ignores return data beyond one word, so a payee cannot bomb the caller with it. A token that
    ///      returns nothing is accepted only if it has code (as SafeERC20 does).
    function send(address to, address token, uint256 amount, uint256 ethGas, uint256 tokenGas)
        internal
        returns (bool ok)
    {
        if (token == address(0)) {
            assembly ("memory-safe") {
                ok := call(ethGas, to, amount, 0, 0, 0, 0)
            }
        } else {
            bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
            assembly ("memory-safe") {
                ok := call(tokenGas, token, 0, add(data, 0x20), mload(data), 0, 0x20)
                switch returndatasize()
                case 0 { ok := and(ok, gt(extcodesize(token), 0)) }
                default { ok := and(ok, and(gt(returndatasize(), 31), eq(mload(0), 1))) }
            }
        }
    }
}
