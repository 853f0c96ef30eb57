// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {WorldBase, IOddToken} from "./WorldBase.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";
import {PaymentExitGame} from "../../src/framework/PaymentExitGame.sol";
import {CompressedProof} from "../../src/lib/CompressedProof.sol";
import {Position} from "../../src/lib/Position.sol";

/// @notice The child chain of payments as the test knows it: every output created (by deposits, valid
///         payments, or the operator's forgeries), who owns it, whether it is part of the valid chain, the
///         spends its owner signed, and the standard and mass exits started on it.
abstract contract UtxoWorld is WorldBase {
    uint8 internal constant EXIT_STD = 1;
    uint8 internal constant EXIT_MASS = 2;
    uint8 internal constant EXIT_PIGGYBACK = 4;

    uint8 internal constant CLAIM_STD = 1;
    uint8 internal constant CLAIM_MASS = 2;
    uint8 internal constant CLAIM_IFE_OUTPUT = 3;
    uint8 internal constant CLAIM_IFE_INPUT = 4;

    struct Utxo {
        uint256 position;
        address owner;
        uint8 tok;
        uint256 amount;
        uint256 blockTs;
        bytes txBytes;
        bytes proof;
        bytes32 key;
        bool valid; // part of the valid chain (a deposit, or an output of a valid payment in a valid block)
        bool spent; // its owner signed a spend of it
        uint8 exits; // EXIT_* bits of the exits started on it
    }

    /// @dev A transaction that spends an output, signed by the output's owner.
    struct Spend {
        bytes txBytes;
        bytes sig;
        uint8 inputIndex;
    }

    /// @dev An honest account's claim on an exit it started (or that was started for it) in time.
    struct Claim {
        address owner;
        uint8 tok;
        uint256 amount;
        uint8 kind;
        uint256 ref;
        uint8 index;
    }

    Utxo[] internal _utxos;
    mapping(uint256 id => Spend) internal _spends;
    /// @dev The last consent each output's owner published: its signature, the initiator it names, its deadline.
    mapping(uint256 id => bytes) internal _consents;
    mapping(uint256 id => address) internal _consentInitiator;
    mapping(uint256 id => uint256) internal _consentDeadline;
    mapping(uint256 id => uint256) internal _consentMaxBlock;
    /// @dev Honest outputs whose owners left the exit to the initiator they consented to: their own watcher
    ///      does not exit them after an invalid block.
    mapping(uint256 id => bool) internal _delegated;

    /// @notice The first child block the operator made invalid (0 while every block is valid), and its time.
    uint256 public firstInvalidBlock;
    uint256 public firstInvalidTs;

    Claim[] internal _claims;
    mapping(bytes32 outputKey => bool) internal _claimedKey;

    /// @notice Per token, what batches' rounding left in the vault: honest value no claim covers.
    mapping(uint8 tok => uint256) public roundedAway;

    uint256[] internal _stdExits;
    uint256[] internal _batchIds;
    mapping(uint256 batchId => MassExitGame.MassExitLeaf[]) internal _leaves;
    mapping(uint256 batchId => uint256[]) internal _batchUtxos;
    mapping(uint256 batchId => uint8) internal _batchTok;

    // ------------------------------------------------------------------ views

    function utxoCount() external view returns (uint256) {
        return _utxos.length;
    }

    function utxo(uint256 id) external view returns (Utxo memory) {
        return _utxos[id];
    }

    function claimCount() external view returns (uint256) {
        return _claims.length;
    }

    function claim(uint256 i) external view returns (Claim memory) {
        return _claims[i];
    }

    function stdExitCount() external view returns (uint256) {
        return _stdExits.length;
    }

    function stdExitPosition(uint256 i) external view returns (uint256) {
        return _utxos[_stdExits[i]].position;
    }

    function batchCount() external view returns (uint256) {
        return _batchIds.length;
    }

    function batchId(uint256 i) external view returns (uint256) {
        return _batchIds[i];
    }

    // ------------------------------------------------------------------ the chain

    /// @dev Where a new output comes from: its transaction, inclusion proof, and whether it is valid.
    struct Origin {
        bytes txBytes;
        bytes proof;
        bool valid;
    }

    /// @dev Records an output created now.
    function _addUtxo(uint256 position, address owner, uint8 tok, uint256 amount, bytes32 key, Origin memory o)
        internal
        returns (uint256 id)
    {
        id = _utxos.length;
        _utxos.push();
        Utxo storage u = _utxos[id];
        u.position = position;
        u.owner = owner;
        u.tok = tok;
        u.amount = amount;
        u.blockTs = clock;
        u.txBytes = o.txBytes;
        u.proof = o.proof;
        u.key = key;
        u.valid = o.valid;
    }

    /// @dev Root and timestamp of every child block, as clients read them from BlockSubmitted events.
    mapping(uint256 blkNum => bytes32) internal _blockRoot;
    mapping(uint256 blkNum => uint256) internal _blockTs;

    /// @dev Submits a child block of `txs` as the operator; returns its number, time and every proof.
    function _submitBlock(bytes[] memory txs) internal returns (uint256 blkNum, bytes[] memory proofs) {
        bytes32 root;
        (root, proofs) = _tree(txs);
        blkNum = fw.nextChildBlock();
        _blockRoot[blkNum] = root;
        _blockTs[blkNum] = clock;
        vm.prank(operator);
        fw.submitBlock(root);
    }

    /// @dev The operator made block `blkNum` invalid: honest users must exit outputs from before it within MEP.
    function _markInvalid(uint256 blkNum) internal {
        if (firstInvalidBlock != 0) return;
        firstInvalidBlock = blkNum;
        firstInvalidTs = clock;
    }

    /// @dev An exit of an output from block `blkNum` that starts now is one the protocol promises to pay
    ///      ahead of every output of an invalid block: the output is older than the first invalid block,
    ///      and the exit starts within MEP of it.
    function _protected(uint256 blkNum) internal view returns (bool) {
        if (firstInvalidBlock == 0) return true;
        return blkNum < firstInvalidBlock && clock < firstInvalidTs + MEP;
    }

    function _deposit(address who, uint8 tok, uint256 amount) internal returns (bool ok, uint256 id) {
        uint256 blkNum = fw.nextDepositBlock();
        if (blkNum % 1000 == 999) return (false, 0);
        uint256 credited;
        (ok, credited) = _depositCall(who, tok, amount);
        if (!ok) return (false, 0);
        Origin memory o = Origin(TxEncoder.deposit(who, tokens[tok], credited), _zeroProof(), true);
        id = _addUtxo(blkNum * Position.BLOCK_OFFSET, who, tok, credited, bytes32(blkNum * Position.BLOCK_OFFSET), o);
        ledger[who][tok] += credited;
    }

    /// @dev Deposits as `who` and returns what the vault was credited.
    function _depositCall(address who, uint8 tok, uint256 amount) private returns (bool ok, uint256 credited) {
        _fund(who, tok, amount);
        uint256 vaultBefore = balanceOf(address(fw), tok);
        if (tok == ETH) {
            (ok,) = _act(who, address(fw), amount, ETH, abi.encodeCall(fw.depositEth, ()));
        } else {
            vm.prank(who);
            IOddToken(tokens[tok]).approve(address(fw), amount);
            (ok,) = _act(who, address(fw), 0, tok, abi.encodeCall(fw.depositErc20, (tokens[tok], amount)));
        }
        if (ok) credited = balanceOf(address(fw), tok) - vaultBefore;
    }

    /// @dev Whether output `id` may be spent by its owner in a valid payment now.
    function _spendable(uint256 id) internal view returns (bool) {
        Utxo storage u = _utxos[id];
        return u.valid && !u.spent && u.exits == 0 && firstInvalidBlock == 0;
    }

    /// @dev The unsigned payment of output `id`: `amount` to `to`, the rest back to the owner.
    function _paymentTx(uint256 id, address to, uint256 amount) internal returns (bytes memory) {
        Utxo storage u = _utxos[id];
        uint256[] memory ins = new uint256[](1);
        ins[0] = u.position;
        uint256 rest = u.amount - amount;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](rest == 0 ? 1 : 2);
        outs[0] = TxEncoder.Out(to, tokens[u.tok], amount);
        if (rest != 0) outs[1] = TxEncoder.Out(u.owner, tokens[u.tok], rest);
        return TxEncoder.encodeTx(1, ins, outs, _meta());
    }

    /// @dev The owners of outputs `ids` pay in one valid block, which the operator includes honestly.
    function _payInBlock(uint256[] memory ids, address[] memory tos, uint256[] memory amounts) internal {
        bytes[] memory txs = new bytes[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            txs[i] = _paymentTx(ids[i], tos[i], amounts[i]);
            Utxo storage u = _utxos[ids[i]];
            _spends[ids[i]] = Spend(txs[i], _signTx(u.owner, txs[i]), 0);
            u.spent = true;
        }
        (uint256 blkNum, bytes[] memory proofs) = _submitBlock(txs);
        for (uint256 i = 0; i < ids.length; ++i) {
            _addPaymentOutputs(ids[i], tos[i], amounts[i], blkNum * Position.BLOCK_OFFSET + i * Position.TX_OFFSET, Origin(txs[i], proofs[i], true));
        }
    }

    /// @dev Output 0 pays `amount` to `to`, output 1 (if any) returns the rest of output `id` to its owner.
    function _addPaymentOutputs(uint256 id, address to, uint256 amount, uint256 txPosition, Origin memory o)
        internal
    {
        address from = _utxos[id].owner;
        uint8 tok = _utxos[id].tok;
        uint256 rest = _utxos[id].amount - amount;
        _addUtxo(txPosition, to, tok, amount, keccak256(abi.encode(keccak256(o.txBytes), uint256(0))), o);
        if (rest != 0) {
            _addUtxo(txPosition + 1, from, tok, rest, keccak256(abi.encode(keccak256(o.txBytes), uint256(1))), o);
        }
        if (o.valid) {
            ledger[from][tok] -= amount;
            ledger[to][tok] += amount;
        }
    }

    /// @dev The operator commits a block with one transaction that no valid chain contains, paying `amount`
    ///      of `tok` to the attacker. `shape` 0 spends output `victim` without its owner's signature, 1 has no
    ///      inputs at all, 2 is the attacker's second signed spend of an output it already spent.
    function _forge(uint8 tok, uint256 amount, uint8 shape, uint256 victim) internal returns (uint256 id) {
        bytes memory txBytes = _forgedTx(tok, amount, shape == 1 ? 0 : _utxos[victim].position);
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        (uint256 blkNum, bytes[] memory proofs) = _submitBlock(txs);
        _markInvalid(blkNum);
        bytes32 key = shape == 1 ? bytes32(blkNum * Position.BLOCK_OFFSET) : keccak256(abi.encode(keccak256(txBytes), uint256(0)));
        id = _addUtxo(blkNum * Position.BLOCK_OFFSET, mallory, tok, amount, key, Origin(txBytes, proofs[0], false));
    }

    /// @dev One output of `amount` to the attacker, spending `input` (none if 0).
    function _forgedTx(uint8 tok, uint256 amount, uint256 input) private returns (bytes memory) {
        uint256[] memory ins = new uint256[](input == 0 ? 0 : 1);
        if (input != 0) ins[0] = input;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](1);
        outs[0] = TxEncoder.Out(mallory, tokens[tok], amount);
        return TxEncoder.encodeTx(1, ins, outs, _meta());
    }

    // ------------------------------------------------------------------ claims

    /// @dev Books an honest owner's claim on output `key` if it was made in time; each output counts once,
    ///      however many exits name it.
    function _claim(address owner, uint8 tok, uint256 amount, bytes32 key, uint256 blkNum, uint8 kind, uint256 ref, uint8 index)
        internal
    {
        if (!_protected(blkNum)) return;
        _book(owner, tok, amount, key, kind, ref, index);
    }

    /// @dev An honest output used by a consent its owner gave for valid blocks only (every block up to its
    ///      bound is valid).
    function _vouchedHonestly(address initiator, uint256 id) internal view returns (bool) {
        Utxo storage u = _utxos[id];
        if (u.owner == initiator || !isHonest(u.owner)) return false;
        return firstInvalidBlock == 0 || _consentMaxBlock[id] < firstInvalidBlock;
    }

    function _book(address owner, uint8 tok, uint256 amount, bytes32 key, uint8 kind, uint256 ref, uint8 index)
        internal
    {
        if (!isHonest(owner) || _claimedKey[key]) return;
        _claimedKey[key] = true;
        owed[owner][tok] += _net(tok, amount);
        _claims.push(Claim(owner, tok, amount, kind, ref, index));
    }

    function _bondPosted(address who, uint256 bond, uint256 refundDue, bool due) internal {
        if (isCoalition(who)) coalitionBonds += bond;
        if (due && (isHonest(who) || who == watcher)) owedBonds[who] += refundDue;
    }

    // ------------------------------------------------------------------ standard exits

    function _startStandardExit(uint256 id, address by) internal returns (bool ok) {
        Utxo storage u = _utxos[id];
        (ok,) = _act(
            by,
            address(fw),
            EXIT_BOND,
            ETH,
            abi.encodeCall(fw.startStandardExit, (u.position, u.txBytes, u.proof, u.blockTs))
        );
        if (!ok) return false;
        u.exits |= EXIT_STD;
        _stdExits.push(id);
        bountyPool += EXIT_BOUNTY;
        uint256 blkNum = u.position / Position.BLOCK_OFFSET;
        _bondPosted(by, EXIT_BOND, EXIT_BOND - EXIT_BOUNTY, _protected(blkNum));
        _claim(u.owner, u.tok, u.amount, u.key, blkNum, CLAIM_STD, u.position, 0);
    }

    function _stdExitActive(uint256 position) internal view returns (bool) {
        (,,, PaymentExitGame.ExitState state) = fw.exits(position);
        return state == PaymentExitGame.ExitState.Exiting;
    }

    // ------------------------------------------------------------------ mass exits

    /// @dev The owners of outputs `ids` publish their consents to be mass-exited by `initiator` within MEP, in
    ///      the batch `ids` (the batch `_startMassExit(initiator, ids)` starts). The only place the suite signs a
    ///      consent: a change to what a consent binds is made here alone.
    ///      An honest owner vouches for the blocks its watcher has checked: every block so far, or the blocks
    ///      before the first invalid one; the attacker's side vouches for anything.
    function _publishConsents(uint256[] memory ids, address initiator) internal {
        uint256 deadline = clock + MEP;
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 id = ids[i];
            address owner = _utxos[id].owner;
            uint256 maxBlock = !isHonest(owner)
                ? type(uint256).max
                : firstInvalidBlock != 0 ? firstInvalidBlock - 1 : fw.nextDepositBlock() - 1;
            _consents[id] = _sig(_keyOf(owner), mass.consentDigest(_utxos[id].position, initiator, deadline, maxBlock));
            _consentInitiator[id] = initiator;
            _consentDeadline[id] = deadline;
            _consentMaxBlock[id] = maxBlock;
        }
    }

    /// @dev Starts one batch of outputs `ids` (strictly increasing positions, all of one token) as
    ///      `initiator`; an output it does not own carries its owner's published consent.
    function _startMassExit(address initiator, uint256[] memory ids) internal returns (bool ok, uint256 id) {
        uint256 n = ids.length;
        uint8 tok = _utxos[ids[0]].tok;
        bytes memory ret;
        (ok, ret) = _act(initiator, address(mass), n * MASS_BOND, ETH, _startMassCall(initiator, ids, tok));
        if (!ok) return (false, 0);
        id = abi.decode(ret, (uint256));
        _batchIds.push(id);
        _batchTok[id] = tok;
        bool allHonestInTime = true;
        for (uint256 i = 0; i < n; ++i) {
            Utxo storage u = _utxos[ids[i]];
            _leaves[id].push(MassExitGame.MassExitLeaf(u.position, u.key, u.owner, u.amount));
            _batchUtxos[id].push(ids[i]);
            u.exits |= EXIT_MASS;
            if (!isHonest(u.owner) || !_protected(u.position / Position.BLOCK_OFFSET)) allHonestInTime = false;
            if (_vouchedHonestly(initiator, ids[i])) {
                // a consent the owner gave for valid blocks only: whenever the contract accepts the batch,
                // whoever started it and whenever, the owner is promised the output in full
                _book(u.owner, tok, u.amount, u.key, CLAIM_MASS, id, uint8(i));
            } else {
                _claim(u.owner, tok, u.amount, u.key, u.position / Position.BLOCK_OFFSET, CLAIM_MASS, id, uint8(i));
            }
        }
        bountyPool += n * MASS_BOUNTY;
        _bondPosted(initiator, n * MASS_BOND, n * (MASS_BOND - MASS_BOUNTY), allHonestInTime);
    }

    function _startMassCall(address initiator, uint256[] memory ids, uint8 tok) private view returns (bytes memory) {
        (bytes32 nextRoot, uint256 nextTs) = _nextHeader(initiator, ids);
        return abi.encodeCall(mass.startMassExit, (tokens[tok], _items(initiator, ids), nextRoot, nextTs));
    }

    /// @dev The header of the first child block past the tightest bound of the consents the batch uses
    ///      (zeros when there is none yet, or no consent).
    function _nextHeader(address initiator, uint256[] memory ids) private view returns (bytes32, uint256) {
        uint256 maxBlock = type(uint256).max;
        for (uint256 i = 0; i < ids.length; ++i) {
            if (_utxos[ids[i]].owner != initiator && _consentMaxBlock[ids[i]] < maxBlock) {
                maxBlock = _consentMaxBlock[ids[i]];
            }
        }
        if (maxBlock > type(uint128).max) return (bytes32(0), 0);
        uint256 next = maxBlock - maxBlock % 1000 + 1000;
        return (_blockRoot[next], _blockTs[next]);
    }

    function _items(address initiator, uint256[] memory ids)
        private
        view
        returns (MassExitGame.MassExitItem[] memory items)
    {
        items = new MassExitGame.MassExitItem[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) {
            Utxo storage u = _utxos[ids[i]];
            items[i] = MassExitGame.MassExitItem(
                u.position,
                u.txBytes,
                CompressedProof.compress(u.proof),
                u.blockTs,
                u.owner == initiator ? 0 : _consentDeadline[ids[i]],
                u.owner == initiator ? 0 : _consentMaxBlock[ids[i]],
                u.owner == initiator ? bytes("") : _consents[ids[i]]
            );
        }
    }

    function _batchState(uint256 id) internal view returns (MassExitGame.State state) {
        (,,,,,, state) = mass.massExits(id);
    }

    function _withdrawBatch(uint256 id, address by) internal returns (bool ok) {
        uint8 tok = _batchTok[id];
        uint256 before = balanceOf(address(fw), tok);
        vm.prank(by);
        (ok,) = address(mass).call(abi.encodeCall(mass.withdrawMassExit, (id, _leaves[id])));
        uint256 afterwards = balanceOf(address(fw), tok);
        // a short escrow's pro-rata shares round down: the remainder, under one unit a leaf, goes back to the
        // vault, where no claim covers it (its owners were paid what the books say they are owed)
        if (ok && afterwards > before) {
            uint256 dust = afterwards - before;
            uint256 cap = _leaves[id].length;
            roundedAway[tok] += dust < cap ? dust : cap;
        }
    }

    // ------------------------------------------------------------------ processing

    function _process(uint8 tok, uint256 maxExits, address by) internal returns (bool ok) {
        vm.prank(by);
        bytes memory err;
        (ok, err) = address(fw).call(abi.encodeCall(fw.processExits, (tokens[tok], maxExits)));
        if (!ok && !processReverted) {
            processReverted = true;
            processRevertedToken = tokens[tok];
            processRevertData = err;
        }
    }

    /// @dev Pulls every credit `who` has with the framework and the mass exit game.
    function _pullCredits(address who) internal {
        for (uint8 tok = 0; tok < TOKENS; ++tok) {
            if (fw.withdrawable(who, tokens[tok]) != 0) {
                _act(who, address(fw), 0, tok, abi.encodeCall(fw.withdraw, (tokens[tok])));
            }
            if (mass.withdrawable(who, tokens[tok]) != 0) {
                _act(who, address(mass), 0, tok, abi.encodeCall(mass.withdraw, (tokens[tok])));
            }
        }
    }
}
