// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Position} from "./Position.sol";

/// @title ExitTiming
/// @notice When an exit may be processed (docs/protocol.md 5.2), shared by every exit game.
library ExitTiming {
    /// @notice Deposits exit after MEP; other outputs also wait until 2 MEP after their block, so that an
    ///         exit from a withheld or invalid block is ordered after the honest outputs it could steal.
    function exitableAt(uint256 blkNum, uint256 blockTimestamp, uint256 nowTs, uint256 mep)
        internal
        pure
        returns (uint256)
    {
        uint256 fromNow = nowTs + mep;
        if (Position.isDeposit(blkNum)) return fromNow;
        uint256 fromBlock = blockTimestamp + 2 * mep;
        return fromBlock > fromNow ? fromBlock : fromNow;
    }
}
