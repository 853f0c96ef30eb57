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
    /// @notice The output already has an open exit: of entry kind `kind` (0 standard, 1 in-flight, 2 mass)
    ///         with id `id` (the standard exit's position, the in-flight exit's id, the batch id).
    error OutputReserved(bytes32 outputKey, uint8 kind, uint256 id);
    /// @notice The output was already paid (or spent by a canonical in-flight transaction) and can never
    ///         exit again (lib/OutputKey.sol).
    error OutputAlreadyExited(bytes32 outputKey);

    /// @notice Minimum exit period (MEP) in seconds, fixed at deployment.
    uint256 public immutable minExitPeriod;

    /// @dev Output key (lib/OutputKey.sol) marked paid, or spent by a canonical in-flight transaction.
    uint256 private constant EXITED = 1;

    /// @dev One word per output key across every exit game: free (0), EXITED, or held by exactly one open
    ///      exit: `payload << 128 | _holder(kind, id)`, where the payload is 128 bits the holding exit keeps
    ///      in the word it writes anyway (a standard exit: the low half of its amount). An exit reserves its
    ///      output when it starts, releases it when it is challenged away (or its side is not paid) and
    ///      marks it EXITED when it pays it, so no output is in two open exits at once (whose payouts would
    ///      each take it from the vault) or paid twice.
    mapping(bytes32 outputKey => uint256 state) private _outputs;
    /// @dev Per holder (`_holder(kind, id)`): the amount of the outputs it held that a canonical in-flight
    ///      transaction spent meanwhile (that exit will not pay them, so it must not take their amount from
    ///      the vault either), and the PAID bit once the exit took its payout from the vault while still
    ///      holding its outputs (a mass exit's batch takes its escrow at processing and marks each leaf
    ///      exited only when it pays it out). A paid holder's outputs count as exited: their money already
    ///      left the vault, so no other exit (a canonical in-flight spend above all) may be paid for them.
    mapping(uint256 holder => uint256 record) private _holders;
    /// @dev The bit of `_holders[holder]` set by `_markPaid`; taken amounts stay below 2^200 (256 outputs
    ///      below 2^192 each).
    uint256 private constant PAID = 1 << 255;

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
            // the bounties stay among the bonds held until they are paid here, so no payout in between takes them
            bounty += _finalizeExit(token, entry);
            ++processed;
        }
        _payout(msg.sender, address(0), 0, bounty);
    }

    /// @notice True once an exit of the output with this key was paid (or a canonical in-flight
    ///         transaction spent it), including while a processed mass exit that took its amount from the
    ///         vault still holds it until it pays its leaves out.
    function isOutputExited(bytes32 outputKey) public view returns (bool) {
        uint256 state = _outputs[outputKey];
        return state == EXITED || (state != 0 && _isPaidHolder(uint128(state)));
    }

    /// @notice The open exit that holds the output, if any: its entry kind and id (see `OutputReserved`).
    function outputReservation(bytes32 outputKey) external view returns (bool reserved, uint8 kind, uint256 id) {
        uint256 holder = uint128(_outputs[outputKey]);
        if (holder <= EXITED) return (false, 0, 0);
        return (true, uint8((holder >> 120) - 1), uint120(holder));
    }

    /// @dev The holder value of exit `id` of entry kind `kind`: below 2^128, never 0 or EXITED.
    function _holder(uint8 kind, uint256 id) internal pure returns (uint256) {
        return ((uint256(kind) + 1) << 120) | uint120(id);
    }

    /// @dev Reserves a free output for `holder`, keeping `payload` (< 2^128) beside it; reverts if any
    ///      open exit holds the output or it already exited.
    function _reserveOutput(bytes32 outputKey, uint256 holder, uint256 payload) internal {
        uint256 state = _outputs[outputKey];
        if (state != 0) {
            uint256 other = uint128(state);
            if (state == EXITED || _isPaidHolder(other)) revert OutputAlreadyExited(outputKey);
            revert OutputReserved(outputKey, uint8((other >> 120) - 1), uint120(other));
        }
        _outputs[outputKey] = (payload << 128) | holder;
    }

    /// @dev `_reserveOutput(key, holder, 0)` for every key, in one loop over the calldata keys (a mass exit
    ///      reserves up to 256). At the first key that is not free, `_reserveOutput` reverts with its error.
    function _reserveOutputs(bytes32[] calldata outputKeys, uint256 holder) internal {
        uint256 taken = outputKeys.length;
        assembly ("memory-safe") {
            // _outputs[key] lives at keccak256(key ‖ slot of _outputs)
            mstore(0x20, _outputs.slot)
            let end := add(outputKeys.offset, shl(5, taken))
            for { let p := outputKeys.offset } lt(p, end) { p := add(p, 0x20) } {
                mstore(0, calldataload(p))
                let slot := keccak256(0, 0x40)
                if sload(slot) {
                    taken := shr(5, sub(p, outputKeys.offset))
                    break
                }
                sstore(slot, holder)
            }
        }
        if (taken != outputKeys.length) _reserveOutput(outputKeys[taken], holder, 0);
    }

    /// @dev Frees the output if `holder` holds it (its exit was challenged away or is not paid) and returns
    ///      true; otherwise changes nothing, so an exit can never free another exit's output or undo an EXITED
    ///      mark.
    function _releaseOutput(bytes32 outputKey, uint256 holder) internal returns (bool released) {
        released = uint128(_outputs[outputKey]) == holder;
        if (released) delete _outputs[outputKey];
    }

    /// @dev `holder`'s exit is being paid: if it holds the output, marks it EXITED and returns its payload;
    ///      `held` is false if the output was meanwhile marked EXITED by a canonical in-flight transaction
    ///      that spent it.
    function _exitHeldOutput(bytes32 outputKey, uint256 holder) internal returns (bool held, uint256 payload) {
        uint256 state = _outputs[outputKey];
        if (uint128(state) != holder) return (false, 0);
        _outputs[outputKey] = EXITED;
        return (true, state >> 128);
    }

    /// @dev The payload `holder` keeps beside the output, zero if it does not hold it.
    function _heldPayload(bytes32 outputKey, uint256 holder) internal view returns (uint256) {
        uint256 state = _outputs[outputKey];
        return uint128(state) == holder ? state >> 128 : 0;
    }

    /// @dev Marks the output EXITED whoever holds it (a canonical in-flight transaction spent it, so any
    ///      other exit of it is invalid); false if it already was, or an exit that was paid for it holds it
    ///      (its money left the vault: it counts as exited, and that exit still pays it). The exit that held
    ///      it books `amount` (the output's) as taken from it.
    function _flagOutputExited(bytes32 outputKey, uint256 amount) internal returns (bool newlyFlagged) {
        uint256 state = _outputs[outputKey];
        if (state == EXITED) return false;
        uint256 holder = uint128(state);
        if (state != 0) {
            if (_isPaidHolder(holder)) return false;
            _holders[holder] += amount;
        }
        _outputs[outputKey] = EXITED;
        return true;
    }

    /// @dev What canonical in-flight spends took from `holder` (see `_holders`).
    function _takenFrom(uint256 holder) internal view returns (uint256) {
        return _holders[holder] & ~PAID;
    }

    /// @dev `holder`'s exit takes its payout from the vault now, before it marks its outputs exited one by
    ///      one: from here on they count as exited (`isOutputExited`, `_reserveOutput`, `_flagOutputExited`)
    ///      and nothing is booked as taken from it any more. Returns what was taken before.
    function _markPaid(uint256 holder) internal returns (uint256 taken) {
        uint256 record = _holders[holder];
        _holders[holder] = record | PAID;
        return record & ~PAID;
    }

    /// @dev True once `holder`'s exit took its payout (see `_markPaid`).
    function _isPaidHolder(uint256 holder) internal view returns (bool) {
        return _holders[holder] & PAID != 0;
    }

    /// @dev Pays out one popped entry (or skips it if it was challenged); returns the bounty it earns.
    function _finalizeExit(address token, uint256 entry) internal virtual returns (uint256 bounty);
}
