// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vault} from "./Vault.sol";
import {ExitQueue} from "./ExitQueue.sol";

/// @title ExitController
/// @notice Processes the per-token exit queues. Each exit game finalises its own entries through
///         `_finalizeExit`, which the deployable framework routes by entry kind.
abstract contract ExitController is Vault, ExitQueue {
    /// @notice The minimum exit period is zero.
    error ZeroExitPeriod();

    /// @notice Minimum exit period (MEP) in seconds, fixed at deployment.
    uint256 public immutable minExitPeriod;

    /// @dev Outputs already paid by any exit game, by output key (lib/OutputKey.sol). Standard, in-flight
    ///      and mass exits all consult and set it, so no output is paid twice across games.
    mapping(bytes32 outputKey => bool) private _outputExited;

    constructor(uint256 minExitPeriod_) {
        if (minExitPeriod_ == 0) revert ZeroExitPeriod();
        minExitPeriod = minExitPeriod_;
    }

    /// @notice Finalises up to `maxExits` exits of `token` whose exitable time has come, in priority
    ///         order, and pays the caller the processing bounties.
    /// @return processed The number of queue entries popped (challenged exits count but earn nothing).
    function processExits(address token, uint256 maxExits) external nonReentrant returns (uint256 processed) {
        uint256 bounty;
        while (processed < maxExits) {
            (bool ok, uint256 entry) = _peek(token);
            if (!ok || _entryExitableAt(entry) > block.timestamp) break;
            _dequeue(token);
            bounty += _finalizeExit(token, entry);
            ++processed;
        }
        _payout(msg.sender, address(0), bounty);
    }

    /// @notice True once an exit of the output with this key was paid.
    function isOutputExited(bytes32 outputKey) public view returns (bool) {
        return _outputExited[outputKey];
    }

    /// @dev Marks the output paid; false if an earlier exit already paid it.
    function _flagOutputExited(bytes32 outputKey) internal returns (bool newlyFlagged) {
        if (_outputExited[outputKey]) return false;
        _outputExited[outputKey] = true;
        return true;
    }

    /// @dev Pays out one popped entry (or skips it if it was challenged); returns the bounty it earns.
    function _finalizeExit(address token, uint256 entry) internal virtual returns (uint256 bounty);
}
