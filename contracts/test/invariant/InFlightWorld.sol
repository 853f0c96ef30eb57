// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {UtxoWorld} from "./UtxoWorld.sol";
import {TxEncoder} from "../utils/TxEncoder.sol";
import {Position} from "../../src/lib/Position.sol";
import {MassExitGame} from "../../src/games/MassExitGame.sol";

/// @notice In-flight transactions: signed, never included (the operator withholds them), exited with MoreVP.
abstract contract InFlightWorld is UtxoWorld {
    struct InFlight {
        bytes txBytes;
        uint256[] inputs; // utxo ids, in input order
        address[] outOwners;
        uint256[] outAmounts;
        uint8 tok;
        address initiator;
        uint256 startedAt;
        uint256 youngestBlock; // block of the youngest input: decides whether claims on it are in time
        bytes competitor; // another spend of input 0 that its owner signed (empty if none)
        bytes competitorSig;
        bool challenged; // the watcher showed the competitor
        bool spendsPaidLeaf; // an input is a leaf of a batch already processed (its holder took its payout)
    }

    InFlight[] internal _ifes;

    function inFlightCount() external view returns (uint256) {
        return _ifes.length;
    }

    function inFlightId(uint256 k) public view returns (uint256) {
        return uint120(uint256(keccak256(_ifes[k].txBytes)));
    }

    /// @dev Starts the in-flight exit of a payment spending `ids` (all of one owner and token) into `outs`,
    ///      every input signed by its owner.
    function _startInFlight(address initiator, uint256[] memory ids, address[] memory owners, uint256[] memory amounts)
        internal
        returns (bool ok, uint256 k)
    {
        bytes memory txBytes = _inFlightTx(ids, owners, amounts);
        (ok,) = _act(initiator, address(ife), IFE_BOND, ETH, _startCall(txBytes, ids));
        if (!ok) return (false, 0);
        k = _ifes.length;
        _ifes.push();
        InFlight storage f = _ifes[k];
        f.txBytes = txBytes;
        f.inputs = ids;
        f.outOwners = owners;
        f.outAmounts = amounts;
        f.tok = _utxos[ids[0]].tok;
        f.initiator = initiator;
        f.startedAt = clock;
        for (uint256 i = 0; i < ids.length; ++i) {
            Utxo storage u = _utxos[ids[i]];
            if (u.exits & EXIT_MASS != 0 && _leafPaid(ids[i])) f.spendsPaidLeaf = true;
            if (u.position / Position.BLOCK_OFFSET > f.youngestBlock) f.youngestBlock = u.position / Position.BLOCK_OFFSET;
            if (!u.spent) {
                _spends[ids[i]] = Spend(txBytes, _signTx(u.owner, txBytes), uint8(i));
                u.spent = true;
            }
        }
        _bondPosted(initiator, IFE_BOND, IFE_BOND, _protected(f.youngestBlock));
    }

    /// @dev Whether output `id` is an unchallenged leaf of a batch that was processed: the batch took the
    ///      leaf's amount from the vault, so the leaf counts as exited from then on.
    function _leafPaid(uint256 id) internal view returns (bool) {
        for (uint256 i = 0; i < _batchIds.length; ++i) {
            uint256 b = _batchIds[i];
            uint256[] storage leaves = _batchUtxos[b];
            for (uint256 j = 0; j < leaves.length; ++j) {
                if (leaves[j] != id) continue;
                (,,,,, uint256 bitmap, MassExitGame.State state) = mass.massExits(b);
                if (state != MassExitGame.State.Pending && bitmap & (1 << j) == 0) return true;
            }
        }
        return false;
    }

    /// @notice The first in-flight exit found canonical although it spends a leaf whose batch was processed
    ///         before the exit started: that leaf is paid twice, once by its batch and once by the exit.
    function paidLeafSpentCanonically() external view returns (bool spent, uint256 ifeId) {
        for (uint256 k = 0; k < _ifes.length; ++k) {
            if (!_ifes[k].spendsPaidLeaf) continue;
            ifeId = inFlightId(k);
            (,,,,,, bool canonical,,, bool finalized) = ife.inFlightExits(ifeId);
            if (finalized && canonical) return (true, ifeId);
        }
        return (false, 0);
    }

    function _inFlightTx(uint256[] memory ids, address[] memory owners, uint256[] memory amounts)
        private
        returns (bytes memory)
    {
        address token = tokens[_utxos[ids[0]].tok];
        uint256[] memory positions = new uint256[](ids.length);
        for (uint256 i = 0; i < ids.length; ++i) positions[i] = _utxos[ids[i]].position;
        TxEncoder.Out[] memory outs = new TxEncoder.Out[](owners.length);
        for (uint256 o = 0; o < owners.length; ++o) outs[o] = TxEncoder.Out(owners[o], token, amounts[o]);
        return TxEncoder.encodeTx(1, positions, outs, _meta());
    }

    function _startCall(bytes memory txBytes, uint256[] memory ids) private view returns (bytes memory) {
        uint256 n = ids.length;
        uint256[] memory positions = new uint256[](n);
        bytes[] memory inputTxs = new bytes[](n);
        bytes[] memory proofs = new bytes[](n);
        uint256[] memory timestamps = new uint256[](n);
        bytes[] memory sigs = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            Utxo storage u = _utxos[ids[i]];
            positions[i] = u.position;
            inputTxs[i] = u.txBytes;
            proofs[i] = u.proof;
            timestamps[i] = u.blockTs;
            sigs[i] = _signTx(u.owner, txBytes);
        }
        return abi.encodeCall(ife.startInFlightExit, (txBytes, inputTxs, positions, proofs, timestamps, sigs));
    }

    function _piggybackOutput(uint256 k, uint8 o, address by) internal returns (bool ok) {
        InFlight storage f = _ifes[k];
        (ok,) = _act(by, address(ife), PB_BOND, ETH, abi.encodeCall(ife.piggybackInFlightExitOnOutput, (f.txBytes, o)));
        if (!ok) return false;
        bountyPool += PB_BOUNTY;
        bool inTime = _protected(f.youngestBlock);
        // an honest in-flight payment is canonical: its outputs are the winning side
        _bondPosted(by, PB_BOND, PB_BOND - PB_BOUNTY, inTime && f.competitor.length == 0);
        bytes32 key = keccak256(abi.encode(keccak256(f.txBytes), uint256(o)));
        _claim(f.outOwners[o], f.tok, f.outAmounts[o], key, f.youngestBlock, CLAIM_IFE_OUTPUT, inFlightId(k), o);
    }

    function _piggybackInput(uint256 k, uint8 i, address by) internal returns (bool ok) {
        InFlight storage f = _ifes[k];
        (ok,) = _act(by, address(ife), PB_BOND, ETH, abi.encodeCall(ife.piggybackInFlightExitOnInput, (f.txBytes, i)));
        if (!ok) return false;
        bountyPool += PB_BOUNTY;
        _utxos[f.inputs[i]].exits |= EXIT_PIGGYBACK;
        _bondPosted(by, PB_BOND, PB_BOND - PB_BOUNTY, false);
    }

    function _inPeriodOne(uint256 k) internal view returns (bool) {
        return clock < _ifes[k].startedAt + MEP / 2;
    }

    function _ifeFinalized(uint256 k) internal view returns (bool finalized) {
        (,,,,,,,,, finalized) = ife.inFlightExits(inFlightId(k));
    }

    function _ifeStanding(uint256 k) internal view returns (uint8 inputs, uint8 outputs) {
        (,,,,,,, inputs, outputs,) = ife.inFlightExits(inFlightId(k));
    }
}
