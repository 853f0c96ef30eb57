// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ExitController} from "./ExitController.sol";
import {IExitGame} from "../interfaces/IExitGame.sol";

/// @title ExitGameRegistry
/// @notice The exit games that live in their own contracts (in-flight, mass, cash), registered once
///         by the deployer, and the hooks they use to queue exits and pay from the vault.
/// @dev Registration is one-shot: after it, nobody (not even the deployer) can add a game that could pay
///      itself from the vault. Users check `exitGame(kind)` before depositing.
abstract contract ExitGameRegistry is ExitController {
    /// @notice Entry kind of in-flight exits (MoreVP).
    uint8 public constant EXIT_KIND_IN_FLIGHT = 1;
    /// @notice Entry kind of mass exits.
    uint8 public constant EXIT_KIND_MASS = 2;
    /// @notice Kind of the Plasma Cash game. It keeps its coins' funds and its own exits (no queue entries),
    ///         but is registered so that everyone can tell which coin game belongs to this deployment.
    uint8 public constant EXIT_KIND_CASH = 3;

    /// @notice The caller is not a registered exit game.
    error NotExitGame();
    /// @notice Only the deployer may register the exit games.
    error NotDeployer();
    /// @notice The exit games were already registered.
    error GamesAlreadyRegistered();
    /// @notice A game address is zero or has no code.
    error InvalidExitGame(address game);

    /// @notice The entry is not deferred: it never was, or `retryExit` finalised it already.
    error ExitNotDeferred(address token, uint256 entry);
    /// @notice A game ran out of the gas `processExits` could give it; the call reverted whole, so the entry
    ///         keeps its place: send the call again with more gas.
    error ExitGasTooLow(uint256 entry);
    /// @notice The entry's game refused re-entry: `processExits` was called from inside that game (by a
    ///         payee it handed control to). The call reverts whole and the entry keeps its place.
    error ExitGameBusy(uint256 entry);

    /// @notice The exit games were registered (once, right after deployment).
    event ExitGamesRegistered(address inFlightExitGame, address massExitGame, address cashExitGame);
    /// @notice A game's finalisation of queue entry `entry` reverted (with `reason`, the revert data's first
    ///         four bytes) although it had the gas it needed. The entry left the queue so that the entries
    ///         behind it are paid; everything it owes stays in the vault until `retryExit` finalises it.
    event ExitDeferred(address indexed token, uint256 indexed entry, bytes4 reason);
    /// @notice A deferred entry was finalised by `retryExit`; `processor` got its bounty.
    event DeferredExitRetried(address indexed token, uint256 indexed entry, address indexed processor);

    address private immutable _deployer;
    mapping(uint8 kind => address game) private _games;
    mapping(address game => uint8 kind) private _kinds;
    /// @dev Queue entries whose game reverted in `processExits`, waiting for `retryExit`.
    mapping(address token => mapping(uint256 entry => bool)) private _deferred;

    constructor() {
        _deployer = msg.sender;
    }

    /// @dev The cash game holds its coins' funds itself: it may not queue, flag or pay from the vault.
    modifier onlyExitGame() {
        uint8 kind = _kinds[msg.sender];
        if (kind == 0 || kind == EXIT_KIND_CASH) revert NotExitGame();
        _;
    }

    /// @notice Registers the in-flight, mass and cash exit games; callable once, by the deployer.
    function registerExitGames(address inFlightExitGame, address massExitGame, address cashExitGame) external {
        if (msg.sender != _deployer) revert NotDeployer();
        if (_games[EXIT_KIND_IN_FLIGHT] != address(0)) revert GamesAlreadyRegistered();
        _register(EXIT_KIND_IN_FLIGHT, inFlightExitGame);
        _register(EXIT_KIND_MASS, massExitGame);
        _register(EXIT_KIND_CASH, cashExitGame);
        emit ExitGamesRegistered(inFlightExitGame, massExitGame, cashExitGame);
    }

    /// @dev A game must have code and may hold one kind only.
    function _register(uint8 kind, address game) private {
        if (game.code.length == 0 || _kinds[game] != 0) revert InvalidExitGame(game);
        _games[kind] = game;
        _kinds[game] = kind;
    }

    /// @notice The game registered for an entry kind (zero address if none).
    function exitGame(uint8 kind) external view returns (address) {
        return _games[kind];
    }

    /// @notice Queues an exit of the calling game; the entry kind is the caller's.
    function enqueueExit(address token, uint256 exitableAt, uint256 position, uint256 id) external onlyExitGame {
        _enqueue(token, _encodeEntry(exitableAt, position, _kinds[msg.sender], id));
    }

    /// @notice Reserves outputs for the calling game's exit `id` (reverts `OutputReserved` or
    ///         `OutputAlreadyExited` if any of them is taken).
    function reserveOutputs(bytes32[] calldata outputKeys, uint256 id) external onlyExitGame {
        _reserveOutputs(outputKeys, _holder(_kinds[msg.sender], id));
    }

    /// @notice Frees an output the calling game's exit `id` holds: true; false (and no effect) if it does not.
    function releaseOutput(bytes32 outputKey, uint256 id) external onlyExitGame returns (bool released) {
        return _releaseOutput(outputKey, _holder(_kinds[msg.sender], id));
    }

    /// @notice The calling game's exit `id` pays the output: true (and marked exited) if that exit holds
    ///         it, false if it does not (a canonical in-flight transaction spent it meanwhile).
    function exitOutput(bytes32 outputKey, uint256 id) external onlyExitGame returns (bool) {
        (bool held,) = _exitHeldOutput(outputKey, _holder(_kinds[msg.sender], id));
        return held;
    }

    /// @notice Marks an output exited whichever exit holds it (an in-flight transaction found canonical
    ///         spent it); false if it already was, or counts as exited because the exit holding it was paid
    ///         (`markExitPaid`). The exit that held it books `amount` as taken from it.
    function flagOutputExited(bytes32 outputKey, uint256 amount) external onlyExitGame returns (bool) {
        return _flagOutputExited(outputKey, amount);
    }

    /// @notice The amount of the outputs that exit `id` of the calling game held and a canonical in-flight
    ///         transaction spent meanwhile: that exit pays none of them.
    function takenFrom(uint256 id) external view returns (uint256) {
        return _takenFrom(_holder(_kinds[msg.sender], id));
    }

    /// @notice The calling game's exit `id` takes its payout from the vault now, while it still holds its
    ///         outputs (a mass exit's batch takes its escrow at processing and pays its leaves later): from
    ///         here on every output it holds counts as exited (`isOutputExited`; a start refuses it with
    ///         `OutputAlreadyExited`; `flagOutputExited` leaves it alone), and `exitOutput` still lets that
    ///         exit mark each one paid. Returns what canonical in-flight spends took from it before
    ///         (`takenFrom`), which it must not ask the vault for.
    function markExitPaid(uint256 id) external onlyExitGame returns (uint256 taken) {
        return _markPaid(_holder(_kinds[msg.sender], id));
    }

    /// @notice Pays, on behalf of the calling game, `amount` of `token` an exit owes (only from what the vault
    ///         holds beside its credits and bonds) and `bond` wei of the bonds held (a refund, bounty or
    ///         challenger's reward), in one push when both are ETH (bounded push, credited on failure).
    function payout(address to, address token, uint256 amount, uint256 bond) external onlyExitGame {
        _payout(to, token, amount, bond);
    }

    /// @notice Pays what the vault can free of `amount` beside its credits and (ETH) its bonds, on behalf of
    ///         the calling game; returns what was sent or credited. A mass exit's batch takes its escrow this
    ///         way, so a batch one of whose outputs another exit paid still gets the part the vault backs.
    function payoutUpTo(address to, address token, uint256 amount) external onlyExitGame returns (uint256 sent) {
        return _payoutUpTo(to, token, amount);
    }

    /// @notice Games hand the bonds they take to the vault, which holds them apart from what exits may take
    ///         and pays them back out through `payout`'s `bond`.
    function depositBond() external payable onlyExitGame {
        _holdBond(msg.value);
    }

    /// @notice ETH a game held for exits and did not pay (a mass exit's escrow left over) goes back to the
    ///         vault, where the exits it backs are paid from.
    function returnToVault() external payable onlyExitGame {}

    /// @notice True while queue entry `entry` of `token` waits for `retryExit` (see `ExitDeferred`).
    function isExitDeferred(address token, uint256 entry) external view returns (bool) {
        return _deferred[token][entry];
    }

    /// @notice Finalises a deferred entry (anyone may call) and pays the caller its bounty. Reverts with the
    ///         game's own error while the game still cannot finalise it, and then changes nothing.
    function retryExit(address token, uint256 entry) external nonReentrant returns (uint256 bounty) {
        if (!_deferred[token][entry]) revert ExitNotDeferred(token, entry);
        delete _deferred[token][entry];
        address game = _games[_entryKind(entry)];
        if (game.code.length == 0) revert InvalidExitGame(game);
        bounty = IExitGame(game).finalizeExit(token, _entryPosition(entry), _entryId(entry));
        emit DeferredExitRetried(token, entry, msg.sender);
        _payout(msg.sender, address(0), 0, bounty);
    }

    /// @dev Routes a popped entry to its game. It never reverts because of the entry: a game that reverts is
    ///      deferred (the registered games never do: every call they make to the framework cannot revert,
    ///      their loops are bounded and their amounts below 2^192). Only a game that runs out of gas because
    ///      the caller sent too little reverts the whole call, so that no processor can push an entry out of
    ///      its turn by starving it. At most one word of return data is read: no game can bomb the caller.
    /// @dev OpenZeppelin's ReentrancyGuardReentrantCall() selector, which every game's lock reverts with.
    bytes4 private constant REENTRANT_CALL = 0x3ee5aeb5;

    function _finalizeGameExit(address token, uint256 entry) internal returns (uint256 bounty) {
        address game = _games[_entryKind(entry)];
        bytes memory data =
            abi.encodeCall(IExitGame.finalizeExit, (token, _entryPosition(entry), _entryId(entry)));
        uint256 gasBefore = gasleft();
        bool ok;
        bytes4 reason;
        assembly ("memory-safe") {
            ok := and(gt(extcodesize(game), 0), call(gas(), game, 0, add(data, 0x20), mload(data), 0, 0))
            switch ok
            case 1 {
                if gt(returndatasize(), 31) {
                    returndatacopy(0, 0, 0x20)
                    bounty := mload(0)
                }
            }
            default {
                if gt(returndatasize(), 3) {
                    returndatacopy(0, 0, 4)
                    reason := and(mload(0), 0xffffffff00000000000000000000000000000000000000000000000000000000)
                }
            }
        }
        if (ok) return bounty;
        // the game was given all but 1/64 of the gas: if less than that is left, it ran out of gas
        if (gasleft() < gasBefore / 64) revert ExitGasTooLow(entry);
        // a game refusing re-entry means this call came from inside that game (a payee it handed control
        // to called back): deferring would let that payee push the entry out of its turn
        if (reason == REENTRANT_CALL) revert ExitGameBusy(entry);
        _deferred[token][entry] = true;
        emit ExitDeferred(token, entry, reason);
        return 0;
    }
}
