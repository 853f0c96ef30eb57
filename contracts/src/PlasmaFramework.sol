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
    /// @notice A queue entry of an exit kind this framework does not know.
    error UnknownExitKind(uint8 kind);

    /// @param operator_ The only account allowed to submit child blocks.
    /// @param minExitPeriod_ MEP in seconds (one week in production).
    /// @param exitBond_ ETH bond (wei) to start a standard exit.
    /// @param processBounty_ Part of the bond (wei) paid to whoever processes the exit.
    constructor(address operator_, uint256 minExitPeriod_, uint256 exitBond_, uint256 processBounty_)
        BlockController(operator_)
        ExitController(minExitPeriod_)
        PaymentExitGame(exitBond_, processBounty_)
    {}

    function _finalizeExit(address token, uint256 entry) internal override returns (uint256) {
        uint8 kind = _entryKind(entry);
        if (kind == EXIT_KIND_STANDARD) return _finalizeStandardExit(token, _entryPosition(entry));
        if (kind == EXIT_KIND_IN_FLIGHT || kind == EXIT_KIND_MASS) return _finalizeGameExit(token, entry);
        revert UnknownExitKind(kind);
    }
}
