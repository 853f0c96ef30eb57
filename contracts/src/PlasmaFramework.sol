// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {BlockController} from "./framework/BlockController.sol";
import {ExitController} from "./framework/ExitController.sol";
import {PaymentExitGame} from "./framework/PaymentExitGame.sol";
import {ExitGameRegistry} from "./framework/ExitGameRegistry.sol";

/// @title PlasmaFramework
/// @notice The single deployable Plasma4j root-chain contract: block commitments, the ETH/ERC20 vault,
///         per-token exit queues and the standard exit game for payment and fee outputs.
/// @dev In-flight exits (MoreVP) and mass exits are separate contracts registered once through
///      `registerExitGames`; their entries share the per-token queues and are routed by kind.
contract PlasmaFramework is PaymentExitGame, ExitGameRegistry {
    /// @param operator_ The only account allowed to submit child blocks.
    /// @param minExitPeriod_ MEP in seconds (one week in production).
    /// @param exitBond_ ETH bond (wei) to start a standard exit.
    /// @param processBounty_ Part of the bond (wei) paid to whoever processes the exit.
    constructor(address operator_, uint256 minExitPeriod_, uint256 exitBond_, uint256 processBounty_)
        BlockController(operator_)
        ExitController(minExitPeriod_)
        PaymentExitGame(exitBond_, processBounty_)
    {}

    /// @dev Only the standard game and registered games can queue, so every other kind is a game's.
    function _finalizeExit(address token, uint256 entry) internal override returns (uint256) {
        if (_entryKind(entry) == EXIT_KIND_STANDARD) return _finalizeStandardExit(token, _entryPosition(entry));
        return _finalizeGameExit(token, entry);
    }
}
