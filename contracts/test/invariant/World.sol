// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CashWorld} from "./CashWorld.sol";
import {Accomplice, IOddToken} from "./WorldBase.sol";
import {Position} from "../../src/lib/Position.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {CoinEncoder} from "../utils/CoinEncoder.sol";
import {PausableToken, BlocklistToken} from "../utils/OddTokens.sol";
import {FeeOnTransferToken} from "../../src/mocks/FeeOnTransferToken.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {CashExitGameBase} from "../../src/games/CashExitGameBase.sol";

/// @notice The whole world the invariants run in: honest users, a hostile operator, an attacker with an
///         accomplice contract, and a watcher, all on one deployment with every exit game. Handlers
///         (Handlers.sol) pick which of these moves the fuzzer makes; the watcher's patrol is the honest
///         side doing, on time, everything the protocol expects of it.
contract World is CashWorld {
    /// @dev Pickers for outputs.
    uint8 internal constant HONEST_FREE = 0; // valid, unspent, no exit, honest owner
    uint8 internal constant ATTACKER_FREE = 1; // valid, unspent, no exit, the attacker's
    uint8 internal constant ATTACKER_SPENT = 2; // valid, spent by the attacker, no standard exit
    uint8 internal constant FORGED = 3; // the operator's forgery, the attacker's, no exit
    uint8 internal constant CONSENTED = 4; // an honest output whose owner published a mass exit consent

    /// @dev The settlement runs its honest side to the end: honest owners exit every coin they own.
    bool internal _settling;
    bool public queueStuck;
    address public queueStuckToken;
    /// @notice Set if a copied challenge reveal, sent without a commitment of its own, was accepted.
    bool public frontRunAccepted;
    /// @notice Set if settling an in-flight exit paid the attacker's side more than the bonds it posted on it
    ///         (a bond paid twice through a payee's hook).
    bool public settlementOverpaid;

    // =================================================================== the starting world

    /// @notice Every run starts from a lived-in chain: each honest user holds ETH and two tokens (every odd
    ///         token is held by someone), some value already moved in a valid child block, everyone holds a
    ///         coin, and the attacker holds ETH, a token and a coin of its own.
    function populate() external synced {
        uint8[2][3] memory held = [[PLAIN, FEE], [PAUSABLE, BLOCKLIST], [NO_RETURN, FEE]];
        for (uint256 h = 0; h < 3; ++h) {
            _deposit(honest[h], ETH, (h + 2) * 1 ether);
            _deposit(honest[h], held[h][0], (h + 1) * 1e21);
            _deposit(honest[h], held[h][1], (h + 3) * 1e20);
            _depositCoin(honest[h], h == 1 ? PLAIN : ETH, (h + 1) * 1 ether);
        }
        _deposit(mallory, ETH, 3 ether);
        _deposit(mallory, PLAIN, 5e20);
        _depositCoin(mallory, ETH, 1 ether);
        // alice pays bob 1 ETH and bob pays carol in tokens, in one valid block
        uint256[] memory ids = new uint256[](2);
        address[] memory tos = new address[](2);
        uint256[] memory amounts = new uint256[](2);
        (ids[0], ids[1]) = (0, 4);
        (tos[0], tos[1]) = (honest[1], honest[2]);
        (amounts[0], amounts[1]) = (1 ether, 4e20);
        _payInBlock(ids, tos, amounts);
        uint64[] memory slots = new uint64[](1);
        address[] memory coinTos = new address[](1);
        slots[0] = 0;
        coinTos[0] = honest[1];
        _transferCoins(slots, coinTos);
    }

    // =================================================================== honest users

    function honestDeposit(uint256 who, uint256 tokSeed, uint256 amount) external synced {
        if (firstInvalidBlock != 0) return; // nobody deposits onto a chain known to be invalid
        uint8 tok = uint8(tokSeed % TOKENS);
        _deposit(honest[who % 3], tok, bound(amount, 1, tok == ETH ? 50 ether : 1e24));
    }

    /// @dev One or two honest owners pay in one valid block.
    function honestPay(uint256 seed, uint256 toSeed, uint256 amountSeed, bool two) external synced {
        uint256 a = _pickUtxo(seed, HONEST_FREE, type(uint256).max);
        if (a == type(uint256).max || !_spendable(a)) return;
        uint256 b = two ? _pickUtxo(seed % 1024 + 1, HONEST_FREE, a) : type(uint256).max;
        uint256 n = b == type(uint256).max ? 1 : 2;
        uint256[] memory ids = new uint256[](n);
        address[] memory tos = new address[](n);
        uint256[] memory amounts = new uint256[](n);
        ids[0] = a;
        if (n == 2) ids[1] = b;
        for (uint256 i = 0; i < n; ++i) {
            tos[i] = _payee(toSeed % 4 + i, _utxos[ids[i]].owner);
            amounts[i] = bound(amountSeed >> (8 * i), 1, _utxos[ids[i]].amount);
        }
        _payInBlock(ids, tos, amounts);
    }

    /// @dev An honest owner pays in flight: the operator withholds the transaction, so the owner starts its
    ///      in-flight exit, and every honest owner of an output piggybacks on it.
    function honestPayInFlight(uint256 seed, uint256 toSeed, uint256 amountSeed) external synced {
        uint256 id = _pickUtxo(seed, HONEST_FREE, type(uint256).max);
        if (id == type(uint256).max || !_spendable(id)) return;
        address from = _utxos[id].owner;
        address to = _payee(toSeed, from);
        uint256 amount = bound(amountSeed, 1, _utxos[id].amount);
        (address[] memory owners, uint256[] memory amounts) = _split(id, to, amount);
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        (bool ok, uint256 k) = _startInFlight(from, ids, owners, amounts);
        if (!ok) return;
        ledger[from][_utxos[id].tok] -= amount;
        ledger[to][_utxos[id].tok] += amount;
        for (uint8 o = 0; o < owners.length; ++o) {
            if (isHonest(owners[o])) _piggybackOutput(k, o, owners[o]);
        }
    }

    /// @dev The outputs of a payment of `amount` from output `id` to `to`, with change.
    function _split(uint256 id, address to, uint256 amount)
        internal
        view
        returns (address[] memory owners, uint256[] memory amounts)
    {
        uint256 rest = _utxos[id].amount - amount;
        owners = new address[](rest == 0 ? 1 : 2);
        amounts = new uint256[](owners.length);
        owners[0] = to;
        amounts[0] = amount;
        if (rest != 0) {
            owners[1] = _utxos[id].owner;
            amounts[1] = rest;
        }
    }

    function honestStandardExit(uint256 seed) external synced {
        uint256 id = _pickUtxo(seed, HONEST_FREE, type(uint256).max);
        if (id != type(uint256).max) _startStandardExit(id, _utxos[id].owner);
    }

    /// @dev An honest owner exits up to `count` of its outputs of one token in one batch of its own.
    function honestMassExit(uint256 seed, uint256 count) external synced {
        uint256 first = _pickUtxo(seed, HONEST_FREE, type(uint256).max);
        if (first == type(uint256).max) return;
        uint256[] memory ids = _sameOwnerAndToken(first, bound(count, 1, 4), true);
        _startMassExit(_utxos[first].owner, ids);
    }

    /// @dev Honest owners publish consents, and the watcher exits their outputs in one batch for them.
    function honestMassExitByConsent(uint256 seed, uint256 count) external synced {
        uint256 first = _pickUtxo(seed, HONEST_FREE, type(uint256).max);
        if (first == type(uint256).max) return;
        uint256[] memory ids = _sameOwnerAndToken(first, bound(count, 1, 4), false);
        _publishConsents(ids, watcher);
        _startMassExit(watcher, ids);
    }

    function honestWithdrawBatch(uint256 seed) external synced {
        uint256 n = _batchIds.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = _batchIds[(seed % n + i) % n];
            if (_batchState(id) != MassExitGame.State.Finalized) continue;
            if (!_hasHonestLeaf(id)) continue;
            _withdrawBatch(id, honest[seed % 3]);
            return;
        }
    }

    function honestPullCredits(uint256 seed) external synced {
        _pullCredits(honest[seed % 3]);
    }

    function honestDepositCoin(uint256 who, uint256 tokSeed, uint256 amount) external synced {
        uint8 tok = [ETH, PLAIN, FEE][tokSeed % 3];
        _depositCoin(honest[who % 3], tok, bound(amount, 1, tok == ETH ? 20 ether : 1e24));
    }

    /// @dev Honest owners give one or two coins away in one coin block.
    function honestTransferCoins(uint256 seed, uint256 toSeed, bool two) external synced {
        uint64 a = _pickCoin(seed, true, type(uint64).max);
        if (a == type(uint64).max) return;
        uint64 b = two ? _pickCoin(seed % 1024 + 1, true, a) : type(uint64).max;
        uint256 n = b == type(uint64).max ? 1 : 2;
        uint64[] memory slots = new uint64[](n);
        address[] memory tos = new address[](n);
        slots[0] = a;
        if (n == 2) slots[1] = b;
        for (uint256 i = 0; i < n; ++i) tos[i] = _payee(toSeed % 4 + i, _coins[slots[i]].owner);
        _transferCoins(slots, tos);
    }

    function honestExitCoin(uint256 seed) external synced {
        uint64 slot = _pickCoin(seed, false, type(uint64).max);
        if (slot == type(uint64).max) return;
        _startCoinExit(slot, _coins[slot].owner, _ownerClaim(slot));
    }

    function honestCheckpointCoin(uint256 seed) external synced {
        uint64 slot = _pickCoin(seed, false, type(uint64).max);
        if (slot == type(uint64).max) return;
        CashExitGameBase.CoinClaim memory c = _ownerClaim(slot);
        if (c.exitTx.length == 0) return;
        _startCheckpoint(slot, _coins[slot].owner, c);
    }

    function honestWithdrawCoins(uint256 seed) external synced {
        _withdrawCoinsAndBonds(honest[seed % 3]);
    }

    // =================================================================== hostile operator

    /// @notice A block with a transaction no valid chain contains, paying the attacker. Amounts range from a
    ///         little to all the vault holds to almost 2^256.
    function operatorForge(uint256 tokSeed, uint256 amountSeed, uint256 shapeSeed, uint256 victimSeed)
        external
        synced
    {
        uint8 tok = uint8(tokSeed % TOKENS);
        uint8 shape = uint8(shapeSeed % 3);
        uint256 victim;
        if (shape == 0) {
            victim = _pickAnyOfToken(victimSeed, tok);
            if (victim == type(uint256).max) shape = 1;
        } else if (shape == 2) {
            victim = _pickUtxo(victimSeed, ATTACKER_SPENT, type(uint256).max);
            if (victim == type(uint256).max || _utxos[victim].tok != tok) shape = 1;
        }
        uint256 id = _forge(tok, _forgedAmount(tok, amountSeed), shape, victim);
        if (shape == 2) {
            // the attacker signed this second spend too
            _spends[victim] = Spend(_utxos[id].txBytes, _signTx(mallory, _utxos[id].txBytes), 0);
        }
    }

    /// @dev All the vault holds of `tok`, almost 2^256, a part of the vault, or anything up to 2^190.
    function _forgedAmount(uint8 tok, uint256 seed) internal view returns (uint256) {
        uint256 held = balanceOf(address(fw), tok);
        if (held == 0) held = 1;
        uint256 mode = seed % 4;
        if (mode == 0) return held;
        if (mode == 1) return type(uint256).max - (seed >> 8) % 1000;
        if (mode == 2) return bound(seed >> 8, 1, held);
        return bound(seed >> 8, 1, 2 ** 190);
    }

    /// @notice The operator forges an output for the attacker and the attacker exits it at once: by a
    ///         standard exit (`how` 0), a batch of its own (1), or in flight together with a fresh deposit (2).
    function operatorForgeAndExit(uint256 tokSeed, uint256 amountSeed, uint256 victimSeed, uint256 how)
        external
        synced
    {
        uint8 tok = uint8(tokSeed % TOKENS);
        uint256 victim = _pickAnyOfToken(victimSeed, tok);
        uint256 id = _forge(tok, _forgedAmount(tok, amountSeed), victim == type(uint256).max ? 1 : 0, victim);
        how %= 3;
        if (how == 0) {
            _startStandardExit(id, mallory);
        } else if (how == 1) {
            uint256[] memory ids = new uint256[](1);
            ids[0] = id;
            _startMassExit(mallory, ids);
        } else {
            _inFlightWithFreshDeposit(id);
        }
    }

    /// @notice A coin block with a transfer of an honest coin that its owner never signed, to the attacker.
    function operatorForgeCoinTransfer(uint256 seed) external synced {
        uint64 slot = _pickHonestCoin(seed);
        if (slot == type(uint64).max) return;
        _forgeCoinTransfer(slot);
    }

    // =================================================================== attacker

    function attackerDeposit(uint256 tokSeed, uint256 amount) external synced {
        uint8 tok = uint8(tokSeed % TOKENS);
        _deposit(mallory, tok, bound(amount, 1, tok == ETH ? 50 ether : 1e24));
    }

    /// @dev The attacker pays an honest user in a valid block (and may later try to exit what it spent).
    function attackerPay(uint256 seed, uint256 toSeed, uint256 amountSeed) external synced {
        uint256 id = _pickUtxo(seed, ATTACKER_FREE, type(uint256).max);
        if (id == type(uint256).max || !_spendable(id)) return;
        uint256[] memory ids = new uint256[](1);
        address[] memory tos = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        ids[0] = id;
        tos[0] = honest[toSeed % 3];
        amounts[0] = bound(amountSeed, 1, _utxos[id].amount);
        _payInBlock(ids, tos, amounts);
    }

    /// @dev A standard exit of an output the attacker already spent, or of a forgery.
    function attackerStandardExit(uint256 seed, bool forged) external synced {
        uint256 id = _pickUtxo(seed, forged ? FORGED : ATTACKER_SPENT, type(uint256).max);
        if (id != type(uint256).max) _startStandardExit(id, mallory);
    }

    /// @dev Starts again an exit of an output whose exit is running or done.
    function attackerReplayStandardExit(uint256 seed) external synced {
        uint256 n = _stdExits.length;
        if (n == 0) return;
        uint256 id = _stdExits[seed % n];
        address owner = _utxos[id].owner;
        if (!isCoalition(owner)) return;
        _startStandardExit(id, owner);
    }

    /// @dev A batch of up to `count` of the attacker's forgeries (or spent outputs) of one token.
    function attackerMassExit(uint256 seed, uint256 count, bool forged) external synced {
        uint256 first = _pickUtxo(seed, forged ? FORGED : ATTACKER_SPENT, type(uint256).max);
        if (first == type(uint256).max) return;
        uint256[] memory ids = _sameKind(first, bound(count, 1, 3), forged ? FORGED : ATTACKER_SPENT);
        _startMassExit(mallory, ids);
    }

    /// @dev The same output in up to 8 open exits at once: `mode` 0 puts an output of the attacker's own in
    ///      `copies` batches, 1 does so with an honest output whose owner's published consent it copies, 2
    ///      starts a standard exit of its own output and puts it in `copies` batches as well.
    function attackerDuplicateExits(uint256 seed, uint256 copies, uint256 mode) external synced {
        mode %= 3;
        uint256 id = _pickUtxo(seed, mode == 1 ? CONSENTED : ATTACKER_FREE, type(uint256).max);
        if (id == type(uint256).max) return;
        if (mode == 2) _startStandardExit(id, mallory);
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        copies = bound(copies, 2, 8);
        for (uint256 i = 0; i < copies; ++i) _startMassExit(mallory, ids);
    }

    /// @dev An honest owner consents to the attacker as its initiator (it trusted it); the operator then
    ///      forges an output of the same token for the attacker, who batches the consented output with the
    ///      forgery, so the batch would queue at the forgery's priority and come up short.
    function attackerBatchesConsentWithForgery(uint256 seed, uint256 amountSeed) external synced {
        uint256 h = _pickUtxo(seed, HONEST_FREE, type(uint256).max);
        if (h == type(uint256).max) return;
        uint256[] memory consented = new uint256[](1);
        consented[0] = h;
        _publishConsents(consented, mallory);
        uint8 tok = _utxos[h].tok;
        uint256 f = _forge(tok, _forgedAmount(tok, amountSeed), 1, type(uint256).max);
        uint256[] memory ids = new uint256[](2);
        ids[0] = h;
        ids[1] = f;
        _startMassExit(mallory, ids);
    }

    /// @dev An honest owner consents to the attacker as its initiator and leaves the exit to it. The operator
    ///      forges an output of the same token in the next child block and the attacker exits it at once; the
    ///      attacker then waits more than MEP and starts the consented batch, which would queue behind the
    ///      forgery and find the vault drained.
    function attackerStartsConsentedBatchLate(uint256 seed, uint256 amountSeed) external synced {
        if (firstInvalidBlock != 0) return;
        uint256 h = _pickUtxo(seed, HONEST_FREE, type(uint256).max);
        if (h == type(uint256).max) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = h;
        _publishConsents(ids, mallory);
        _delegated[h] = true;
        uint8 tok = _utxos[h].tok;
        uint256 f = _forge(tok, _forgedAmount(tok, amountSeed), 1, type(uint256).max);
        _startStandardExit(f, mallory);
        // the honest side reacts to the invalid block at once, as always; only the delegated output waits
        _patrol();
        _stepTo(clock + MEP + 1);
        _startMassExit(mallory, ids);
    }

    /// @dev An honest owner consents to the attacker's batch. The attacker puts an output of its own beside
    ///      hers and spends it in flight (to itself, piggybacked), a second before the batch starts: the
    ///      canonical in-flight exit is paid first and takes that output. Nobody challenges the attacker's
    ///      leaf (its spend stays off the watcher's books): the contracts alone must keep her whole.
    function attackerSpendsOwnLeafInFlight(uint256 seed, uint256 honestSeed) external synced {
        uint256 m = _pickUtxo(seed, ATTACKER_FREE, type(uint256).max);
        if (m == type(uint256).max || !_spendable(m)) return;
        uint256 h = _pickOfToken(honestSeed, HONEST_FREE, _utxos[m].tok);
        if (h == type(uint256).max) return;
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = _utxos[m].position < _utxos[h].position ? (m, h) : (h, m);
        uint256[] memory consented = new uint256[](1);
        consented[0] = h;
        _publishConsents(consented, mallory);
        uint256[] memory spent = new uint256[](1);
        spent[0] = m;
        address[] memory owners = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        owners[0] = mallory;
        amounts[0] = _utxos[m].amount;
        (bool ok, uint256 k) = _startInFlight(mallory, spent, owners, amounts);
        if (!ok) return;
        delete _spends[m];
        _utxos[m].exits |= EXIT_PIGGYBACK;
        _piggybackOutput(k, 0, mallory);
        _warpTo(clock + 1);
        _startMassExit(mallory, ids);
    }

    /// @dev The attacker's batch was processed (its escrow left the vault) and nobody withdrew it yet: the
    ///      attacker spends one of its own leaves in flight (to itself, piggybacked). The leaf counts as exited
    ///      from processing on, so the in-flight exit must not be canonical, or the leaf would be paid again
    ///      from the vault and honest exits behind it would find the vault short. Directed: without such a
    ///      batch the attacker makes one (batches a free output of its own and lets it be processed), and
    ///      it lets time run until the in-flight exit is processed, all in this one move.
    function attackerSpendsProcessedLeafInFlight(uint256 seed) external synced {
        (uint256 b, uint256 m) = _processedLeafOfAttacker(seed);
        if (m == type(uint256).max) (b, m) = _processAttackerBatch(seed);
        if (m == type(uint256).max) return;
        uint256[] memory spent = new uint256[](1);
        spent[0] = m;
        address[] memory owners = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        owners[0] = mallory;
        amounts[0] = _utxos[m].amount;
        (bool ok, uint256 f) = _startInFlight(mallory, spent, owners, amounts);
        if (!ok) return;
        delete _spends[m];
        _piggybackOutput(f, 0, mallory);
        (,,, uint256 exitableAt,,,,,,) = ife.inFlightExits(inFlightId(f));
        _stepTo(exitableAt);
        if (!_ifeFinalized(f)) _process(_batchTok[b], 20, mallory);
    }

    /// @dev The attacker exits in flight a payment of two deposits of its own in the callback token (which
    ///      calls a recipient's registered hook on every transfer, as ERC-777 does) to itself, piggybacks the
    ///      output and the second input, and registers its accomplice as its hook, armed with the reveal of a
    ///      challenge of that input (committed now, with a competing spend the attacker signs). When the token
    ///      queue pays the output, the hook reveals it from inside the settlement. Each bond must be paid once:
    ///      `bondsHeld` stays equal to the bonds of open exits, and the coalition gets no more ETH than its
    ///      bonds. Directed: time runs until the exit is processed, all in this one move. The callback token is
    ///      outside the books (only the attacker holds it); the exit's bonds are all settled by the end of the
    ///      move, so the books need not know the exit.
    function attackerReentersSettlement(uint256 amountSeed) external synced {
        uint256 amount = bound(amountSeed, 2, 1e24);
        bytes[] memory inputTxs = new bytes[](2);
        uint256[] memory positions = new uint256[](2);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (amount / 2, amount - amount / 2);
        for (uint256 i = 0; i < 2; ++i) {
            (bool deposited, uint256 position, bytes memory depositTx) = _callbackDeposit(amounts[i]);
            if (!deposited) return;
            (positions[i], inputTxs[i]) = (position, depositTx);
        }
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(mallory, address(callbackToken), amount);
        bytes memory txBytes = TxEncoder.encodeTx(1, positions, outs, _meta());
        if (!_startCallbackInFlight(txBytes, inputTxs, positions)) return;
        uint256 ifeId = uint120(uint256(keccak256(txBytes)));
        (bool pbOut,) = _act(mallory, address(ife), PB_BOND, ETH, abi.encodeCall(ife.piggybackInFlightExitOnOutput, (txBytes, 0)));
        (bool pbIn,) = _act(mallory, address(ife), PB_BOND, ETH, abi.encodeCall(ife.piggybackInFlightExitOnInput, (txBytes, 1)));
        if (pbOut) _bondPosted(mallory, PB_BOND, 0, false);
        if (pbIn) _bondPosted(mallory, PB_BOND, 0, false);
        if (pbOut) bountyPool += PB_BOUNTY;
        if (pbIn) bountyPool += PB_BOUNTY;

        bytes memory competitor = TxEncoder.payment(positions[1], address(accomplice), address(callbackToken), amounts[1]);
        _commit(address(accomplice), keccak256(abi.encode(address(accomplice), ifeId, keccak256(competitor))));
        Accomplice.Step[] memory steps = new Accomplice.Step[](1);
        steps[0] = Accomplice.Step(
            address(ife),
            0,
            abi.encodeCall(ife.challengeInFlightExitInputSpent, (txBytes, 1, competitor, 0, _signTx(mallory, competitor)))
        );
        accomplice.armOnReceive(steps);
        vm.prank(mallory);
        callbackToken.setHook(address(accomplice));

        (,,, uint256 exitableAt,,,,,,) = ife.inFlightExits(ifeId);
        _stepTo(exitableAt);
        (,,,,,,,,, bool finalized) = ife.inFlightExits(ifeId);
        uint256 before = received(mallory, ETH) + received(address(accomplice), ETH);
        vm.prank(mallory);
        (bool ok, bytes memory err) = address(fw).call(abi.encodeCall(fw.processExits, (address(callbackToken), 20)));
        if (!ok && !processReverted) {
            processReverted = true;
            processRevertedToken = address(callbackToken);
            processRevertData = err;
        }
        // the settlement pays the attacker's side back at most the bonds it posted on this exit (the process
        // bounty is a part of them), whatever its hook did in between
        uint256 gained = received(mallory, ETH) + received(address(accomplice), ETH) - before;
        if (gained > 2 * PB_BOND + (finalized ? 0 : IFE_BOND)) settlementOverpaid = true;
        accomplice.armOnReceive(new Accomplice.Step[](0));
        vm.prank(mallory);
        callbackToken.setHook(address(0));
    }

    /// @dev The attacker deposits `amount` of the callback token: the deposit's position and transaction.
    function _callbackDeposit(uint256 amount) internal returns (bool ok, uint256 position, bytes memory depositTx) {
        uint256 blkNum = fw.nextDepositBlock();
        if (blkNum % 1000 == 999) return (false, 0, "");
        callbackToken.mint(mallory, amount);
        vm.startPrank(mallory);
        callbackToken.approve(address(fw), amount);
        (ok,) = address(fw).call(abi.encodeCall(fw.depositErc20, (address(callbackToken), amount)));
        vm.stopPrank();
        return (ok, blkNum * Position.BLOCK_OFFSET, TxEncoder.deposit(mallory, address(callbackToken), amount));
    }

    function _startCallbackInFlight(bytes memory txBytes, bytes[] memory inputTxs, uint256[] memory positions)
        internal
        returns (bool ok)
    {
        bytes[] memory proofs = new bytes[](2);
        uint256[] memory timestamps = new uint256[](2);
        bytes[] memory sigs = new bytes[](2);
        for (uint256 i = 0; i < 2; ++i) {
            proofs[i] = _zeroProof();
            timestamps[i] = clock;
            sigs[i] = _signTx(mallory, txBytes);
        }
        (ok,) = _act(
            mallory,
            address(ife),
            IFE_BOND,
            ETH,
            abi.encodeCall(ife.startInFlightExit, (txBytes, inputTxs, positions, proofs, timestamps, sigs))
        );
        if (ok) _bondPosted(mallory, IFE_BOND, 0, false);
    }

    /// @dev A leaf of the attacker's own, unchallenged, in a processed batch nobody withdrew yet.
    function _processedLeafOfAttacker(uint256 seed) internal view returns (uint256 b, uint256 m) {
        uint256 n = _batchIds.length;
        for (uint256 k = 0; k < n; ++k) {
            b = _batchIds[(seed % n + k) % n];
            if (_batchState(b) != MassExitGame.State.Finalized) continue;
            (,,,,, uint256 bitmap,) = mass.massExits(b);
            uint256[] storage ids = _batchUtxos[b];
            for (uint256 j = 0; j < ids.length; ++j) {
                if (bitmap & (1 << j) == 0 && _utxos[ids[j]].owner == mallory) return (b, ids[j]);
            }
        }
        return (0, type(uint256).max);
    }

    /// @dev The attacker batches a free output of its own alone; time runs (the honest side acting at every
    ///      maturity) until the batch matures, and the attacker processes it if the watcher has not.
    function _processAttackerBatch(uint256 seed) internal returns (uint256 b, uint256 m) {
        m = _pickUtxo(seed, ATTACKER_FREE, type(uint256).max);
        if (m == type(uint256).max) return (0, m);
        uint256[] memory ids = new uint256[](1);
        ids[0] = m;
        bool ok;
        (ok, b) = _startMassExit(mallory, ids);
        if (!ok) return (0, type(uint256).max);
        (,,,, uint256 exitableAt,,) = mass.massExits(b);
        _stepTo(exitableAt);
        if (_batchState(b) == MassExitGame.State.Pending) _process(_batchTok[b], 20, mallory);
        if (_batchState(b) != MassExitGame.State.Finalized) return (0, type(uint256).max);
    }

    function _pickOfToken(uint256 seed, uint8 mode, uint8 tok) internal view returns (uint256) {
        uint256 n = _utxos.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = (seed % n + i) % n;
            if (_utxos[id].tok == tok && _matches(id, mode)) return id;
        }
        return type(uint256).max;
    }

    /// @dev An in-flight payment spending a forgery together with a fresh deposit of one unit: the deposit
    ///      must not lend the forgery a deposit's priority.
    function attackerInFlightWithFreshDeposit(uint256 seed) external synced {
        uint256 f = _pickUtxo(seed, FORGED, type(uint256).max);
        if (f != type(uint256).max) _inFlightWithFreshDeposit(f);
    }

    function _inFlightWithFreshDeposit(uint256 f) internal {
        if (_utxos[f].amount >= 2 ** 191) return;
        (bool ok, uint256 d) = _deposit(mallory, _utxos[f].tok, 1);
        if (!ok) return;
        uint256[] memory ids = new uint256[](2);
        ids[0] = f;
        ids[1] = d;
        address[] memory owners = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        owners[0] = mallory;
        amounts[0] = _utxos[f].amount + _utxos[d].amount;
        (bool started, uint256 k) = _startInFlight(mallory, ids, owners, amounts);
        if (!started) return;
        _utxos[f].exits |= EXIT_PIGGYBACK;
        _piggybackOutput(k, 0, mallory);
    }

    /// @dev The attacker signs two spends of one output and starts the in-flight exit of the first;
    ///      `piggybacks` bit 0 piggybacks its output, bit 1 its input, none leaves it unqueued.
    function attackerInFlightDoubleSpend(uint256 seed, uint256 piggybacks) external synced {
        uint256 id = _pickUtxo(seed, ATTACKER_FREE, type(uint256).max);
        if (id == type(uint256).max) return;
        Utxo storage u = _utxos[id];
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        address[] memory owners = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        owners[0] = mallory;
        amounts[0] = u.amount;
        bytes memory competitor = _paymentTx(id, address(accomplice), u.amount);
        (bool ok, uint256 k) = _startInFlight(mallory, ids, owners, amounts);
        if (!ok) return;
        _ifes[k].competitor = competitor;
        _ifes[k].competitorSig = _signTx(mallory, competitor);
        if (piggybacks & 1 != 0) _piggybackOutput(k, 0, mallory);
        if (piggybacks & 2 != 0) _piggybackInput(k, 0, mallory);
    }

    /// @dev The attacker piggybacks whatever of an in-flight exit is its own.
    function attackerPiggyback(uint256 seed) external synced {
        uint256 n = _ifes.length;
        if (n == 0) return;
        uint256 k = seed % n;
        InFlight storage f = _ifes[k];
        for (uint8 o = 0; o < f.outOwners.length; ++o) {
            if (f.outOwners[o] == mallory) _piggybackOutput(k, o, mallory);
        }
    }

    /// @dev The attacker challenges its own exit of an output it spent, with its own signed spend (commit, then
    ///      reveal): a standard exit, or (`mass`) a leaf of a pending batch. It may win back only its own bond.
    function attackerSelfChallenge(uint256 seed, bool mass) external synced {
        if (mass) {
            _selfChallengeLeaf(seed);
            return;
        }
        uint256 n = _stdExits.length;
        if (n == 0) return;
        uint256 id = _stdExits[seed % n];
        Utxo storage u = _utxos[id];
        if (u.owner != mallory || _spends[id].txBytes.length == 0 || !_stdExitActive(u.position)) return;
        Spend memory s = _spends[id];
        _commit(mallory, keccak256(abi.encode(mallory, u.position, keccak256(s.txBytes))));
        _act(mallory, address(fw), 0, ETH, abi.encodeCall(fw.challengeStandardExit, (u.position, s.txBytes, s.inputIndex, s.sig)));
    }

    function _selfChallengeLeaf(uint256 seed) internal {
        uint256 n = _batchIds.length;
        for (uint256 k = 0; k < n; ++k) {
            uint256 b = _batchIds[(seed % n + k) % n];
            if (_batchState(b) != MassExitGame.State.Pending) continue;
            (,,,,, uint256 bitmap,) = mass.massExits(b);
            uint256[] storage ids = _batchUtxos[b];
            for (uint256 j = 0; j < ids.length; ++j) {
                Spend storage s = _spends[ids[j]];
                if (bitmap & (1 << j) != 0 || s.txBytes.length == 0 || _utxos[ids[j]].owner != mallory) continue;
                _commit(mallory, keccak256(abi.encode(mallory, b, j, keccak256(s.txBytes))));
                _act(
                    mallory,
                    address(mass),
                    0,
                    ETH,
                    abi.encodeCall(mass.challengeMassExitOutput, (b, _leaves[b], j, s.txBytes, s.inputIndex, s.sig))
                );
                return;
            }
        }
    }

    function attackerProcess(uint256 tokSeed, uint256 maxExits) external synced {
        _process(uint8(tokSeed % TOKENS), bound(maxExits, 1, 20), mallory);
    }

    /// @dev Pauses or resumes the pausable token.
    function attackerPause(bool paused) external synced {
        PausableToken(tokens[PAUSABLE]).setPaused(paused);
    }

    /// @dev Blocks (or unblocks) an account in the blocklist or fee token: a payee, the vault or a game.
    function attackerBlock(uint256 accountSeed, bool fee, bool blocked, bool returnsFalse) external synced {
        address[6] memory targets = [honest[0], honest[1], honest[2], address(fw), address(mass), address(cash)];
        address a = targets[accountSeed % targets.length];
        if (fee) {
            FeeOnTransferToken(tokens[FEE]).setBlocked(a, blocked);
        } else {
            BlocklistToken(tokens[BLOCKLIST]).setBlocked(a, blocked);
            BlocklistToken(tokens[BLOCKLIST]).setReturnsFalse(returnsFalse);
        }
    }

    /// @dev The attacker withdraws every processed batch (anyone may) and pulls all it is owed.
    function attackerWithdraw(uint256 seed) external synced {
        uint256 n = _batchIds.length;
        // its own batches first, while the game still holds others' escrow
        for (uint256 pass = 0; pass < 2; ++pass) {
            for (uint256 i = 0; i < n; ++i) {
                uint256 id = _batchIds[(seed % n + i) % n];
                if (_hasHonestLeaf(id) == (pass == 0)) continue;
                if (_batchState(id) == MassExitGame.State.Finalized) _withdrawBatch(id, mallory);
            }
        }
        _pullCredits(mallory);
        _withdrawCoinsAndBonds(mallory);
        _withdrawCoinsAndBonds(address(accomplice));
    }

    function attackerDepositCoin(uint256 tokSeed, uint256 amount) external synced {
        uint8 tok = [ETH, PLAIN, FEE][tokSeed % 3];
        _depositCoin(mallory, tok, bound(amount, 1, tok == ETH ? 20 ether : 1e24));
    }

    /// @dev The attacker gives one of its coins to an honest user (and may later try to exit it anyway).
    function attackerTransferCoin(uint256 seed, uint256 toSeed) external synced {
        uint256 n = _coins.length;
        for (uint256 i = 0; i < n; ++i) {
            uint64 slot = uint64((seed % n + i) % n);
            if (_coins[slot].owner != mallory || !_coinMovable(slot)) continue;
            uint64[] memory slots = new uint64[](1);
            address[] memory tos = new address[](1);
            slots[0] = slot;
            tos[0] = honest[toSeed % 3];
            _transferCoins(slots, tos);
            return;
        }
    }

    /// @dev The attacker exits a coin it gave away: by its own old transfer, or by a second transfer of
    ///      the same block it signs to itself and the operator includes (a double spend).
    function attackerExitSoldCoin(uint256 seed, bool doubleSpend) external synced {
        (bool found, uint64 slot, uint256 i) = _soldCoin(seed);
        if (!found) return;
        Transfer storage acq = _history[slot][i];
        CashExitGameBase.CoinClaim memory c;
        (uint64 originBlock,) = _origin(slot);
        if (acq.blk <= originBlock) return;
        if (!doubleSpend) {
            c = _historyClaim(slot, i);
        } else {
            bytes memory dbl = CoinEncoder.transfer(slot, acq.blk, mallory);
            bytes[] memory txs = new bytes[](1);
            txs[0] = dbl;
            uint64 blk = _submitCoinBlock(txs);
            _coins[slot].tainted = true;
            c.prevTx = acq.txBytes;
            c.prevProof = _coinProof(acq.blk, slot);
            c.exitTx = dbl;
            c.exitSig = _signCoin(mallory, dbl);
            c.exitProof = _coinProof(blk, slot);
            c.exitBlock = blk;
        }
        _startCoinExit(slot, mallory, c);
    }

    /// @dev The freeze: the operator includes a transfer of an honest coin to the attacker that the owner
    ///      never signed, the attacker passes it on to its accomplice contract, and the accomplice starts an
    ///      exit and files the only unanswerable challenge against it itself, in the same transaction.
    function attackerFreezeCoin(uint256 seed, bool checkpoint) external synced {
        uint64 slot = _pickHonestCoin(seed);
        if (slot == type(uint64).max) return;
        (bool ok, CashExitGameBase.CoinClaim memory c) = _forgedClaim(slot, address(accomplice));
        if (!ok) return;
        Accomplice.Step[] memory steps = _freezeSteps(slot, c, checkpoint);
        if (steps.length == 0) return;
        uint256 value = steps[0].value + steps[1].value;
        (bool done,) = _act(address(accomplice), address(accomplice), value, ETH, abi.encodeCall(Accomplice.run, (steps)));
        if (done) coalitionBonds += value;
    }

    /// @dev The accomplice's transaction: its claim, then the one unanswerable challenge-before against it
    ///      (committed a block earlier).
    function _freezeSteps(uint64 slot, CashExitGameBase.CoinClaim memory c, bool checkpoint)
        internal
        returns (Accomplice.Step[] memory steps)
    {
        (bool exists, bytes32 id, Transfer memory t) = _rightfulChallenge(slot, CoinEncoder.prevBlockOf(c.exitTx));
        if (!exists) return steps;
        _coinCommit(address(accomplice), slot, id);
        _mine();
        steps = new Accomplice.Step[](2);
        steps[0] = checkpoint
            ? Accomplice.Step(address(cash), CHECKPOINT_BOND, abi.encodeCall(cash.startCheckpoint, (slot, c)))
            : Accomplice.Step(address(cash), COIN_EXIT_BOND, abi.encodeCall(cash.startExit, (slot, c)));
        steps[1] = Accomplice.Step(
            address(cash), COIN_CHALLENGE_BOND, _beforeCall(slot, checkpoint, address(accomplice), id, t)
        );
    }

    /// @dev A plain exit (or checkpoint) on a forged transfer of an honest coin, by the attacker.
    function attackerExitForgedCoin(uint256 seed, bool checkpoint) external synced {
        uint64 slot = _pickHonestCoin(seed);
        if (slot == type(uint64).max) return;
        (bool ok, CashExitGameBase.CoinClaim memory c) = _forgedClaim(slot, mallory);
        if (!ok) return;
        if (checkpoint) _startCheckpoint(slot, mallory, c);
        else _startCoinExit(slot, mallory, c);
    }

    /// @dev A bonded challenge-before against an honest exit, with a transfer of the coin's valid history
    ///      (which the honest owner answers).
    function attackerGriefCoin(uint256 seed) external synced {
        uint256 n = _coins.length;
        for (uint256 k = 0; k < n; ++k) {
            uint64 slot = uint64((seed % n + k) % n);
            (address owner,, uint64 prevBlock,, uint64 exitableAt) = _claimView(slot, false, _coins[slot].owner);
            if (exitableAt == 0 || !isHonest(owner)) continue;
            (bool found, bytes32 id, Transfer memory t) = _answerableChallenge(slot, prevBlock);
            if (!found) continue;
            _coinCommit(mallory, slot, id);
            _mine();
            (bool ok,) = _act(mallory, address(cash), COIN_CHALLENGE_BOND, ETH, _beforeCall(slot, false, owner, id, t));
            if (ok) coalitionBonds += COIN_CHALLENGE_BOND;
            return;
        }
    }

    /// @dev A challenge-before the claimant can answer: a transfer of the valid history (or the origin)
    ///      before the claim's previous block, which its new owner spent.
    function _answerableChallenge(uint64 slot, uint64 prevBlock)
        internal
        view
        returns (bool found, bytes32 id, Transfer memory t)
    {
        (uint64 originBlock,) = _origin(slot);
        Transfer[] storage h = _history[slot];
        for (uint256 i = 0; i < h.length; ++i) {
            if (h[i].blk < prevBlock && h[i].blk > originBlock) return (true, keccak256(h[i].txBytes), h[i]);
        }
        if (originBlock < prevBlock) return (true, bytes32(0), t);
    }

    // =================================================================== watcher and time

    function patrol() external synced {
        _patrol();
    }

    /// @notice Time passes (up to 2 MEP); the honest side acts now and at every step that matters on the
    ///         way (every exit's and claim's maturity), before anyone else can.
    function advance(uint256 secs) external synced {
        _patrol();
        _stepTo(clock + bound(secs, 1, 2 * MEP));
    }

    /// @notice Time passes to the next maturity of an exit or a claim (or by MEP if none is pending).
    function advanceToNextMaturity() external synced {
        _patrol();
        uint256 next = _nextMaturity(type(uint64).max);
        _stepTo(next == 0 ? clock + MEP : next);
    }

    function _stepTo(uint256 target) internal {
        for (uint256 i = 0; i < 24; ++i) {
            uint256 next = _nextMaturity(target);
            if (next == 0) break;
            _warpTo(next);
            _patrol();
        }
        _warpTo(target);
        _patrol();
    }

    function _nextMaturity(uint256 limit) internal view returns (uint256 best) {
        for (uint8 tok = 0; tok < TOKENS; ++tok) {
            if (fw.exitQueueLength(tokens[tok]) == 0) continue;
            (, uint256 at) = fw.nextExit(tokens[tok]);
            if (at > clock && at <= limit && (best == 0 || at < best)) best = at;
        }
        uint256 coinAt = _nextCoinMaturity(limit);
        if (coinAt != 0 && (best == 0 || coinAt < best)) best = coinAt;
    }

    /// @dev Everything the protocol expects of the honest side, done now.
    function _patrol() internal {
        _reactToInvalidBlock();
        _challengeExitsOfSpentOutputs();
        _inFlightDuties();
        for (uint64 slot = 0; slot < _coins.length; ++slot) {
            _defend(slot, false, watcher);
            _defend(slot, true, watcher);
            if (_settling) _exitOwnCoin(slot);
        }
        _processMatured();
        _finalizeCoins();
    }

    /// @dev After an invalid block, honest owners exit every output they hold, within MEP.
    function _reactToInvalidBlock() internal {
        if (firstInvalidBlock == 0 || clock >= firstInvalidTs + MEP) return;
        for (uint256 id = 0; id < _utxos.length; ++id) {
            Utxo storage u = _utxos[id];
            if (u.valid && !u.spent && u.exits == 0 && isHonest(u.owner) && !_delegated[id]) {
                _startStandardExit(id, u.owner);
            }
        }
    }

    /// @dev Standard exits and mass exit leaves of outputs their owners already spent are challenged with
    ///      the signed spend: all commitments in one block, the reveals in the next.
    function _challengeExitsOfSpentOutputs() internal {
        uint256 committed;
        for (uint256 pass = 0; pass < 2; ++pass) {
            if (pass == 1) {
                if (committed == 0) return;
                _mine();
            }
            for (uint256 i = 0; i < _stdExits.length; ++i) {
                uint256 id = _stdExits[i];
                Utxo storage u = _utxos[id];
                if (isHonest(u.owner) || _spends[id].txBytes.length == 0 || !_stdExitActive(u.position)) continue;
                Spend storage s = _spends[id];
                if (pass == 0) {
                    _commitOnly(watcher, keccak256(abi.encode(watcher, u.position, keccak256(s.txBytes))));
                    ++committed;
                } else {
                    bytes memory reveal = abi.encodeCall(fw.challengeStandardExit, (u.position, s.txBytes, s.inputIndex, s.sig));
                    _frontRun(address(fw), reveal);
                    (bool ok,) = _act(watcher, address(fw), 0, ETH, reveal);
                    if (ok) _bondPosted(watcher, 0, EXIT_BOND, true);
                }
            }
            for (uint256 i = 0; i < _batchIds.length; ++i) {
                uint256 b = _batchIds[i];
                if (_batchState(b) != MassExitGame.State.Pending) continue;
                (,,,,, uint256 bitmap,) = mass.massExits(b);
                uint256[] storage ids = _batchUtxos[b];
                for (uint256 j = 0; j < ids.length; ++j) {
                    Spend storage s = _spends[ids[j]];
                    if (bitmap & (1 << j) != 0 || s.txBytes.length == 0 || isHonest(_utxos[ids[j]].owner)) continue;
                    if (pass == 0) {
                        _commitOnly(watcher, keccak256(abi.encode(watcher, b, j, keccak256(s.txBytes))));
                        ++committed;
                    } else {
                        bytes memory reveal =
                            abi.encodeCall(mass.challengeMassExitOutput, (b, _leaves[b], j, s.txBytes, s.inputIndex, s.sig));
                        _frontRun(address(mass), reveal);
                        vm.prank(watcher);
                        (bool ok,) = address(mass).call(reveal);
                        if (ok) _bondPosted(watcher, 0, MASS_BOND, true);
                    }
                }
            }
        }
    }

    /// @dev The attacker sees the watcher's reveal before it is mined and sends the same call first, from its
    ///      accomplice, without a commitment of its own: it must be refused.
    function _frontRun(address target, bytes memory reveal) internal {
        vm.prank(address(accomplice));
        (bool stolen,) = target.call(reveal);
        if (stolen) frontRunAccepted = true;
    }

    function _commitOnly(address who, bytes32 commitment) internal {
        vm.prank(who);
        (bool ok,) = address(fw).call(abi.encodeCall(fw.commitChallenge, (commitment)));
        ok;
    }

    /// @dev In period 1 the watcher shows every known competitor; it shows piggybacked inputs spent by it.
    function _inFlightDuties() internal {
        for (uint256 k = 0; k < _ifes.length; ++k) {
            InFlight storage f = _ifes[k];
            if (f.competitor.length == 0) continue;
            uint256 id = inFlightId(k);
            bytes32 commitment = keccak256(abi.encode(watcher, id, keccak256(f.competitor)));
            if (!f.challenged && _inPeriodOne(k)) {
                _commit(watcher, commitment);
                bytes memory reveal = abi.encodeCall(
                    ife.challengeInFlightExitNotCanonical, (f.txBytes, 0, f.competitor, 0, 0, bytes(""), 0, f.competitorSig)
                );
                _frontRun(address(ife), reveal);
                vm.prank(watcher);
                (bool ok,) = address(ife).call(reveal);
                if (ok) {
                    f.challenged = true;
                    _bondPosted(watcher, 0, IFE_BOND, true);
                }
            }
            (uint8 inputs,) = _ifeStanding(k);
            if (inputs & 1 != 0 && !_ifeFinalized(k)) {
                if (!f.challenged) _commit(watcher, commitment);
                (bool ok,) = _act(
                    watcher,
                    address(ife),
                    0,
                    ETH,
                    abi.encodeCall(ife.challengeInFlightExitInputSpent, (f.txBytes, 0, f.competitor, 0, f.competitorSig))
                );
                if (ok) _bondPosted(watcher, 0, PB_BOND, true);
            }
        }
    }

    /// @dev Processes every matured entry of every queue as the watcher: the tokens first, ETH last, so
    ///      that the bonds of token exits are refunded before ETH exits that could take them.
    function _processMatured() internal {
        for (uint8 k = 1; k <= TOKENS; ++k) {
            uint8 tok = k == TOKENS ? ETH : k;
            for (uint256 n = 0; n < 6; ++n) {
                if (fw.exitQueueLength(tokens[tok]) == 0) break;
                (, uint256 at) = fw.nextExit(tokens[tok]);
                if (at > clock) break;
                if (!_process(tok, 16, watcher)) break;
            }
        }
    }

    function _exitOwnCoin(uint64 slot) internal {
        Coin storage c = _coins[slot];
        if (!isHonest(c.owner) || _coinState(slot) != COIN_DEPOSITED) return;
        (,,,, uint64 exitableAt) = _claimView(slot, false, c.owner);
        if (exitableAt != 0) return;
        _startCoinExit(slot, c.owner, _ownerClaim(slot));
    }

    // =================================================================== settlement

    /// @notice The honest side settles everything: tokens resume, time runs 6 MEP with the patrol at every
    ///         maturity, honest owners exit their coins, every batch, credit, coin and bond is pulled. The
    ///         invariants compare the result with the books. Run only where its state is thrown away.
    function settle() external synced {
        _settling = true;
        _resumeTokens();
        uint256 end = clock + 6 * MEP;
        while (clock < end) {
            _patrol();
            uint256 next = clock + MEP / 4;
            _stepTo(next < end ? next : end);
        }
        _drainQueues();
        for (uint256 i = 0; i < _batchIds.length; ++i) {
            if (_batchState(_batchIds[i]) == MassExitGame.State.Finalized) _withdrawBatch(_batchIds[i], watcher);
        }
        address[7] memory accounts = _cashAccounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            _pullCredits(accounts[i]);
            _withdrawCoinsAndBonds(accounts[i]);
        }
    }

    /// @dev Every entry has matured: a bounded number of calls must empty every queue.
    function _drainQueues() internal {
        for (uint8 tok = 0; tok < TOKENS; ++tok) {
            address token = tokens[tok];
            uint256 len = fw.exitQueueLength(token);
            uint256 calls = len / 8 + 2;
            for (uint256 c = 0; c < calls && fw.exitQueueLength(token) != 0; ++c) {
                _process(tok, 8, watcher);
            }
            if (fw.exitQueueLength(token) != 0 && !queueStuck) {
                queueStuck = true;
                queueStuckToken = token;
            }
        }
    }

    function _resumeTokens() internal {
        PausableToken(tokens[PAUSABLE]).setPaused(false);
        BlocklistToken blocklist = BlocklistToken(tokens[BLOCKLIST]);
        FeeOnTransferToken fee = FeeOnTransferToken(tokens[FEE]);
        blocklist.setReturnsFalse(false);
        address[10] memory all = [
            honest[0], honest[1], honest[2], mallory, watcher, operator, address(accomplice), address(fw), address(mass), address(cash)
        ];
        for (uint256 i = 0; i < all.length; ++i) {
            blocklist.setBlocked(all[i], false);
            fee.setBlocked(all[i], false);
        }
    }

    function _withdrawCoinsAndBonds(address who) internal {
        for (uint64 slot = 0; slot < _coins.length; ++slot) {
            if (_coinState(slot) == COIN_EXITED && _exitedOwner(slot) == who) {
                _act(who, address(cash), 0, _coins[slot].tok, abi.encodeCall(cash.withdraw, (slot, who)));
            }
        }
        if (cash.bonds(who) != 0) _act(who, address(cash), 0, ETH, abi.encodeCall(cash.withdrawBonds, ()));
    }

    // =================================================================== what the invariants read

    /// @notice After `settle`: the first honest account (or the watcher) that received less than the books
    ///         say it must, in some token.
    function honestShortfall() external view returns (bool short, address who, uint8 tok, uint256 got, uint256 due) {
        address[4] memory accounts = [honest[0], honest[1], honest[2], watcher];
        for (uint256 i = 0; i < accounts.length; ++i) {
            for (tok = 0; tok < TOKENS; ++tok) {
                due = owed[accounts[i]][tok] + (tok == ETH ? owedBonds[accounts[i]] : 0);
                got = received(accounts[i], tok);
                if (got < due) return (true, accounts[i], tok, got, due);
            }
        }
        return (false, address(0), 0, 0, 0);
    }

    /// @notice While the world runs: the first honest account that got (or was credited) less than the
    ///         claims the contracts already settled for it.
    function honestSettledShortfall() external view returns (bool short, address who, uint8 tok, uint256 got, uint256 due) {
        for (uint256 h = 0; h < 3; ++h) {
            who = honest[h];
            for (tok = 0; tok < TOKENS; ++tok) {
                due = _settledClaims(who, tok);
                got = received(who, tok) + fw.withdrawable(who, tokens[tok]) + mass.withdrawable(who, tokens[tok]);
                if (got < due) return (true, who, tok, got, due);
            }
        }
        return (false, address(0), 0, 0, 0);
    }

    function _settledClaims(address who, uint8 tok) internal view returns (uint256 due) {
        for (uint256 i = 0; i < _claims.length; ++i) {
            Claim storage c = _claims[i];
            if (c.owner == who && c.tok == tok && !_claimOpen(c)) due += _net(tok, c.amount);
        }
    }

    /// @notice The first token in which the attacker's side (attacker, operator, accomplice) got more than
    ///         it validly owns, plus what honest owners abandoned, plus (in ETH) its own bonds and every
    ///         processing bounty.
    function coalitionExcess() external view returns (bool excess, uint8 tok, uint256 got, uint256 entitled) {
        address[3] memory coalition = [mallory, operator, address(accomplice)];
        for (tok = 0; tok < TOKENS; ++tok) {
            got = 0;
            entitled = _abandoned(tok);
            for (uint256 i = 0; i < coalition.length; ++i) {
                got += received(coalition[i], tok);
                entitled += ledger[coalition[i]][tok] + coinLedger[coalition[i]][tok];
            }
            if (tok == ETH) entitled += coalitionBonds + bountyPool;
            if (got > entitled) return (true, tok, got, entitled);
        }
        return (false, 0, 0, 0);
    }

    /// @dev Honest value that no claim made in time covers, once an invalid block exists: outputs nobody
    ///      claimed, and what batches' rounding left in the vault.
    function _abandoned(uint8 tok) internal view returns (uint256) {
        if (firstInvalidBlock == 0) return 0;
        uint256 total = ledger[honest[0]][tok] + ledger[honest[1]][tok] + ledger[honest[2]][tok];
        uint256 claimed;
        for (uint256 i = 0; i < _claims.length; ++i) {
            if (_claims[i].tok == tok) claimed += _claims[i].amount;
        }
        return (total > claimed ? total - claimed : 0) + roundedAway[tok];
    }

    /// @notice The first token in which the framework's vault and the mass exit game together (or the cash
    ///         game alone) hold less than the honest claims still open on them.
    function coverageGap() external view returns (bool gap, uint8 tok, uint256 held, uint256 due) {
        for (tok = 0; tok < TOKENS; ++tok) {
            held = balanceOf(address(fw), tok) + balanceOf(address(mass), tok);
            due = _openHonestClaims(tok);
            if (held < due) return (true, tok, held, due);
            held = balanceOf(address(cash), tok);
            due = _openHonestCoins(tok);
            if (held < due) return (true, tok, held, due);
        }
        return (false, 0, 0, 0);
    }

    function _openHonestClaims(uint8 tok) internal view returns (uint256 due) {
        for (uint256 i = 0; i < _claims.length; ++i) {
            Claim storage c = _claims[i];
            if (c.tok != tok || !_claimOpen(c)) continue;
            due += _net(tok, c.amount);
        }
        for (uint256 i = 0; i < 3; ++i) {
            due += fw.withdrawable(honest[i], tokens[tok]) + mass.withdrawable(honest[i], tokens[tok]);
        }
    }

    function _claimOpen(Claim storage c) internal view returns (bool) {
        if (c.kind == CLAIM_STD) return _stdExitActive(c.ref);
        if (c.kind == CLAIM_MASS) return _batchState(c.ref) != MassExitGame.State.Withdrawn;
        (,,,,,,, uint8 inputs, uint8 outputs,) = ife.inFlightExits(c.ref);
        if (c.kind == CLAIM_IFE_OUTPUT) return outputs & (uint8(1) << c.index) != 0;
        return inputs & (uint8(1) << c.index) != 0;
    }

    function _openHonestCoins(uint8 tok) internal view returns (uint256 due) {
        for (uint64 slot = 0; slot < _coins.length; ++slot) {
            Coin storage c = _coins[slot];
            if (c.tok != tok || !isHonest(c.owner) || _coinState(slot) == COIN_WITHDRAWN) continue;
            due += c.value;
        }
    }

    /// @notice The vault's bonds, checked against what the exits hold: `bondsHeld` is exactly the bonds of the
    ///         open standard exits, the in-flight exits not finalized, the standing piggybacks and the pending
    ///         batches' unchallenged leaves (every other bond was refunded, paid as a bounty or to a
    ///         challenger), and the vault's ETH covers its bonds and its credits.
    function vaultBondsImbalance()
        external
        view
        returns (bool off, uint256 held, uint256 accounted, uint256 balance, uint256 credited)
    {
        held = fw.bondsHeld();
        credited = fw.credited(address(0));
        balance = address(fw).balance;
        for (uint256 i = 0; i < _stdExits.length; ++i) {
            if (_stdExitActive(_utxos[_stdExits[i]].position)) accounted += EXIT_BOND;
        }
        for (uint256 k = 0; k < _ifes.length; ++k) {
            if (!_ifeFinalized(k)) accounted += IFE_BOND;
            (uint8 inputs, uint8 outputs) = _ifeStanding(k);
            for (uint8 bits = inputs | (outputs << 4); bits != 0; bits &= bits - 1) accounted += PB_BOND;
        }
        for (uint256 i = 0; i < _batchIds.length; ++i) {
            (,, uint256 count,,, uint256 challenged, MassExitGame.State state) = mass.massExits(_batchIds[i]);
            if (state != MassExitGame.State.Pending) continue;
            for (; challenged != 0; challenged &= challenged - 1) --count;
            accounted += count * MASS_BOND;
        }
        off = held != accounted || balance < held + credited;
    }

    /// @notice The cash game holds exactly its coins, the bonds it credited, and the bonds of pending claims
    ///         and open challenges: returns the first token in which it does not.
    function cashBondsImbalance() external view returns (bool off, uint8 tok, uint256 held, uint256 accounted) {
        for (tok = 0; tok < TOKENS; ++tok) {
            held = balanceOf(address(cash), tok);
            accounted = _cashAccounted(tok);
            if (held != accounted) return (true, tok, held, accounted);
        }
        return (false, 0, 0, 0);
    }

    function _cashAccounted(uint8 tok) internal view returns (uint256 accounted) {
        for (uint64 slot = 0; slot < _coins.length; ++slot) {
            if (_coins[slot].tok == tok && _coinState(slot) != COIN_WITHDRAWN) accounted += _coins[slot].value;
            // forfeited bonds stay with the coin until someone exits it
            if (tok == ETH) accounted += _claimBonds(slot) + cash.forfeits(slot);
        }
        if (tok == ETH) {
            address[7] memory accounts = _cashAccounts();
            for (uint256 i = 0; i < accounts.length; ++i) accounted += cash.bonds(accounts[i]);
        }
    }

    /// @dev Bonds held for every owner's pending exit and checkpoint of the coin and the challenges filed
    ///      against them that are neither answered nor refunded. A closed claim refunds its first 32 open
    ///      challenges at once; no run files that many against one claim, so closed claims hold none.
    function _claimBonds(uint64 slot) internal view returns (uint256 bonds) {
        address[7] memory accounts = _cashAccounts();
        for (uint256 a = 0; a < accounts.length; ++a) {
            for (uint256 i = 0; i < 2; ++i) {
                bool onCheckpoint = i == 1;
                (,,,, uint64 at) = _claimView(slot, onCheckpoint, accounts[a]);
                if (at == 0) continue;
                bonds += onCheckpoint ? CHECKPOINT_BOND : COIN_EXIT_BOND;
                uint64 claimId = _claimId(slot, onCheckpoint, accounts[a]);
                uint256 n = cash.challengeCount(slot, accounts[a], onCheckpoint, claimId);
                for (uint256 k = 0; k < n; ++k) {
                    (,, bool open) = cash.challengeAt(slot, accounts[a], onCheckpoint, claimId, k);
                    if (open) bonds += COIN_CHALLENGE_BOND;
                }
            }
        }
    }

    /// @notice After `settle`: what still holds a bond (an exit not processed, an in-flight exit never
    ///         finalized or with a piggyback standing, a batch not withdrawn, a coin claim pending, a bond
    ///         credited and not pulled). Returns a code and an id for the first one found.
    function bondStillHeld() external view returns (uint8 what, uint256 id) {
        for (uint256 i = 0; i < _stdExits.length; ++i) {
            if (_stdExitActive(_utxos[_stdExits[i]].position)) return (1, _utxos[_stdExits[i]].position);
        }
        for (uint256 k = 0; k < _ifes.length; ++k) {
            (uint8 inputs, uint8 outputs) = _ifeStanding(k);
            if (!_ifeFinalized(k) || inputs != 0 || outputs != 0) return (2, inFlightId(k));
        }
        for (uint256 i = 0; i < _batchIds.length; ++i) {
            if (_batchState(_batchIds[i]) != MassExitGame.State.Withdrawn) return (3, _batchIds[i]);
        }
        for (uint64 slot = 0; slot < _coins.length; ++slot) {
            (uint32 exits, uint32 checkpoints) = cash.pendingClaims(slot);
            if (exits != 0 || checkpoints != 0) return (4, slot);
            // forfeits go to whoever exits the coin: every honest coin is exited in settlement
            if (cash.forfeits(slot) != 0 && isHonest(_coins[slot].owner)) return (6, slot);
        }
        address[7] memory accounts = _cashAccounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            if (cash.bonds(accounts[i]) != 0) return (5, uint160(accounts[i]));
        }
        return (0, 0);
    }

    /// @notice The first coin whose rightful honest owner can, right now, neither exit it nor defeat the
    ///         claim someone else has on it: no honest challenge stands and the owner's own is refused.
    ///         Every probe runs on a snapshot and is undone.
    function coinOwnerLockedOut() external synced returns (bool locked, uint64 slot, uint8 why) {
        for (slot = 0; slot < _coins.length; ++slot) {
            why = _lockedOut(slot);
            if (why != 0) return (true, slot, why);
        }
        return (false, 0, 0);
    }

    /// @dev 0 if the rightful owner of `slot` (if honest) can exit it or defeat every false claim on it now.
    function _lockedOut(uint64 slot) internal returns (uint8) {
        address owner = _coins[slot].owner;
        if (!isHonest(owner)) return 0;
        if (_coinState(slot) >= COIN_EXITED) return _exitedOwner(slot) == owner ? 0 : 1;
        uint8 why = _exitProbe(slot, owner);
        if (why != 0) return why;
        uint256 snap = vmState.snapshotState();
        bool ok = _defend(slot, true, owner);
        vmState.revertToState(snap);
        return ok ? 0 : 4;
    }

    /// @dev 2 if the owner cannot start (or does not hold) a true exit of its own; 3 if another owner's
    ///      false exit, which could win the coin first, can be neither cancelled nor challenged.
    function _exitProbe(uint64 slot, address owner) internal returns (uint8) {
        Pending memory e = _pending(slot, false, owner);
        uint256 snap = vmState.snapshotState();
        bool ok;
        if (e.exitableAt == 0) ok = _startCoinExit(slot, owner, _ownerClaim(slot));
        else ok = _claimIsTrue(slot, false, e.owner, e.exitBlock) || _defendClaim(slot, false, owner, owner);
        vmState.revertToState(snap);
        if (!ok) return 2;
        snap = vmState.snapshotState();
        ok = _defend(slot, false, owner);
        vmState.revertToState(snap);
        return ok ? 0 : 3;
    }

    // =================================================================== pickers

    function _pickUtxo(uint256 seed, uint8 mode, uint256 except) internal view returns (uint256) {
        uint256 n = _utxos.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = (seed % n + i) % n;
            if (id != except && _matches(id, mode)) return id;
        }
        return type(uint256).max;
    }

    function _matches(uint256 id, uint8 mode) internal view returns (bool) {
        Utxo storage u = _utxos[id];
        if (mode == HONEST_FREE) return u.valid && !u.spent && u.exits == 0 && isHonest(u.owner);
        if (mode == ATTACKER_FREE) return u.valid && !u.spent && u.exits == 0 && u.owner == mallory;
        if (mode == ATTACKER_SPENT) return u.valid && u.spent && u.exits & EXIT_STD == 0 && u.owner == mallory;
        if (mode == FORGED) return !u.valid && u.exits == 0 && u.owner == mallory;
        return _consents[id].length != 0;
    }

    function _pickAnyOfToken(uint256 seed, uint8 tok) internal view returns (uint256) {
        uint256 n = _utxos.length;
        for (uint256 i = 0; i < n; ++i) {
            uint256 id = (seed % n + i) % n;
            if (_utxos[id].valid && _utxos[id].tok == tok) return id;
        }
        return type(uint256).max;
    }

    /// @dev Up to `count` outputs like `first` (same owner and token; free ones), in increasing positions.
    function _sameOwnerAndToken(uint256 first, uint256 count, bool) internal view returns (uint256[] memory ids) {
        Utxo storage f = _utxos[first];
        uint256[] memory found = new uint256[](count);
        uint256 m;
        for (uint256 id = 0; id < _utxos.length && m < count; ++id) {
            Utxo storage u = _utxos[id];
            if (u.owner == f.owner && u.tok == f.tok && _matches(id, HONEST_FREE)) found[m++] = id;
        }
        ids = new uint256[](m);
        for (uint256 i = 0; i < m; ++i) ids[i] = found[i];
        _sortByPosition(ids);
    }

    function _sameKind(uint256 first, uint256 count, uint8 mode) internal view returns (uint256[] memory ids) {
        uint8 tok = _utxos[first].tok;
        uint256[] memory found = new uint256[](count);
        uint256 m;
        for (uint256 id = 0; id < _utxos.length && m < count; ++id) {
            if (_utxos[id].tok == tok && _matches(id, mode)) found[m++] = id;
        }
        ids = new uint256[](m);
        for (uint256 i = 0; i < m; ++i) ids[i] = found[i];
        _sortByPosition(ids);
    }

    function _sortByPosition(uint256[] memory ids) internal view {
        for (uint256 i = 1; i < ids.length; ++i) {
            for (uint256 j = i; j > 0 && _utxos[ids[j]].position < _utxos[ids[j - 1]].position; --j) {
                (ids[j], ids[j - 1]) = (ids[j - 1], ids[j]);
            }
        }
    }

    function _payee(uint256 seed, address from) internal view returns (address to) {
        address[4] memory payees = [honest[0], honest[1], honest[2], mallory];
        to = payees[seed % 4];
        if (to == from) to = payees[(seed % 4 + 1) % 4];
    }

    function _hasHonestLeaf(uint256 id) internal view returns (bool) {
        MassExitGame.MassExitLeaf[] storage leaves = _leaves[id];
        for (uint256 i = 0; i < leaves.length; ++i) {
            if (isHonest(leaves[i].owner)) return true;
        }
        return false;
    }

    /// @dev An honest coin the operator would move (`movable`) or that its owner may exit now.
    function _pickCoin(uint256 seed, bool movable, uint64 except) internal view returns (uint64) {
        uint256 n = _coins.length;
        for (uint256 i = 0; i < n; ++i) {
            uint64 slot = uint64((seed % n + i) % n);
            if (slot == except || !isHonest(_coins[slot].owner)) continue;
            if (movable ? _coinMovable(slot) : _coinState(slot) == COIN_DEPOSITED) return slot;
        }
        return type(uint64).max;
    }

    /// @dev Any coin an honest account rightfully owns and has not exited.
    function _pickHonestCoin(uint256 seed) internal view returns (uint64) {
        uint256 n = _coins.length;
        for (uint256 i = 0; i < n; ++i) {
            uint64 slot = uint64((seed % n + i) % n);
            if (isHonest(_coins[slot].owner) && _coinState(slot) < COIN_EXITED) return slot;
        }
        return type(uint64).max;
    }

    /// @dev A coin the attacker acquired in the valid history and then gave away; `i` is its acquisition.
    function _soldCoin(uint256 seed) internal view returns (bool, uint64, uint256) {
        uint256 n = _coins.length;
        for (uint256 k = 0; k < n; ++k) {
            uint64 slot = uint64((seed % n + k) % n);
            if (_coinState(slot) != COIN_DEPOSITED) continue;
            Transfer[] storage h = _history[slot];
            for (uint256 i = 0; i + 1 < h.length; ++i) {
                if (h[i].newOwner == mallory && h[i + 1].prevBlock == h[i].blk) return (true, slot, i);
            }
        }
        return (false, 0, 0);
    }

    /// @dev The claim of whoever received transfer `i` of the valid history.
    function _historyClaim(uint64 slot, uint256 i) internal view returns (CashExitGameBase.CoinClaim memory c) {
        (uint64 originBlock,) = _origin(slot);
        Transfer storage t = _history[slot][i];
        c.exitTx = t.txBytes;
        c.exitSig = t.sig;
        c.exitProof = _coinProof(t.blk, slot);
        c.exitBlock = t.blk;
        if (t.prevBlock != originBlock) {
            Transfer storage p = _history[slot][i - 1];
            c.prevTx = p.txBytes;
            c.prevProof = _coinProof(p.blk, slot);
        }
    }

    /// @dev The operator includes a transfer of coin `slot` that its owner never signed, to the attacker.
    function _forgeCoinTransfer(uint64 slot) internal returns (bytes memory forged, uint64 blk) {
        forged = CoinEncoder.transfer(slot, _coins[slot].lastBlock, mallory);
        bytes[] memory txs = new bytes[](1);
        txs[0] = forged;
        blk = _submitCoinBlock(txs);
        _coins[slot].tainted = true;
    }

    /// @dev A claim for `claimant` on coin `slot` resting on a forged transfer: the operator includes an
    ///      unsigned transfer to the attacker, and the attacker signs it on to `claimant`.
    function _forgedClaim(uint64 slot, address claimant)
        internal
        returns (bool ok, CashExitGameBase.CoinClaim memory c)
    {
        (uint64 originBlock,) = _origin(slot);
        if (_coins[slot].lastBlock < originBlock) return (false, c);
        (bytes memory forged, uint64 b1) = _forgeCoinTransfer(slot);
        bytes memory onward = CoinEncoder.transfer(slot, b1, claimant);
        bytes[] memory txs = new bytes[](1);
        txs[0] = onward;
        uint64 b2 = _submitCoinBlock(txs);
        c.prevTx = forged;
        c.prevProof = _coinProof(b1, slot);
        c.exitTx = onward;
        c.exitSig = _signCoin(mallory, onward);
        c.exitProof = _coinProof(b2, slot);
        c.exitBlock = b2;
        ok = true;
    }
}
