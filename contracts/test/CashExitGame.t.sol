// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CashTestBase} from "./utils/CashTestBase.sol";
import {CoinEncoder} from "./utils/CoinEncoder.sol";
import {CashExitGameBase} from "../src/games/CashExitGameBase.sol";
import {ExitGameBase} from "../src/games/ExitGameBase.sol";
import {CoinTransfer} from "../src/lib/CoinTransfer.sol";
import {CoinTree} from "../src/lib/CoinTree.sol";
import {DevToken} from "../src/DevToken.sol";
import {FeeOnTransferToken} from "../src/mocks/FeeOnTransferToken.sol";
import {MockErc721} from "../src/mocks/MockErc721.sol";

/// @notice Deposits, exits, challenges, finalization and withdrawals of the Plasma Cash game.
contract CashExitGameTest is CashTestBase {
    // ---- deposits ----

    function test_depositEth_mintsCoinWithOriginBeforeNextChildBlock() public {
        _submitEmpty(); // block 1000; the next is 2000, so the origin is 1999
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinDeposited(0, alice, address(0), 0, 1 ether, 1999);
        uint64 slot = _depositCoin(alice, 1 ether);
        assertEq(slot, 0, "first slot");
        assertEq(cash.nextSlot(), 1, "next slot");
        assertEq(address(cash).balance, 1 ether, "game holds the coin's ETH");
        assertEq(address(fw).balance, 0, "never in the UTXO vault");
        (address token, uint8 kind, uint256 value, uint8 state, uint64 originBlock, address originOwner,) =
            cash.coin(slot);
        assertEq(token, address(0), "token");
        assertEq(kind, 0, "kind ETH");
        assertEq(value, 1 ether, "value");
        assertEq(state, 0, "DEPOSITED");
        assertEq(originBlock, 1999, "origin block");
        assertEq(originOwner, alice, "origin owner");
        assertEq(_depositCoin(bob, 1), 1, "slots are sequential");
    }

    function test_depositEth_revertsOnZero() public {
        vm.expectRevert(CashExitGameBase.ZeroDeposit.selector);
        vm.prank(alice);
        cash.depositEth();
        assertEq(cash.nextSlot(), 0, "nothing minted");
    }

    function test_depositErc20_coinValueIsAmount() public {
        DevToken token = new DevToken("Dev", "DEV");
        uint64 slot = _depositErc20Coin(address(token), alice, 500);
        _assertCoin(slot, address(token), 1, 500);
        assertEq(token.balanceOf(address(cash)), 500, "held by the game");
    }

    function test_depositErc20_feeOnTransferCoinIsWhatArrived() public {
        FeeOnTransferToken token = new FeeOnTransferToken();
        uint64 slot = _depositErc20Coin(address(token), alice, 10_000);
        _assertCoin(slot, address(token), 1, 9_900); // 1% burnt on the way in
        assertEq(token.balanceOf(address(cash)), 9_900, "balance");
    }

    function test_depositErc20_revertsWhenNothingArrives() public {
        DevToken token = new DevToken("Dev", "DEV");
        vm.expectRevert(CashExitGameBase.ZeroDeposit.selector);
        vm.prank(alice);
        cash.depositErc20(address(token), 0);
        assertEq(cash.nextSlot(), 0, "nothing minted");
    }

    function test_depositErc721_coinCarriesTokenId() public {
        MockErc721 nft = new MockErc721();
        uint64 slot = _depositErc721Coin(address(nft), alice, 42);
        _assertCoin(slot, address(nft), 2, 42);
        assertEq(nft.ownerOf(42), address(cash), "held by the game");
    }

    // ---- starting exits ----

    function test_startExit_originClaim() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitStarted(slot, alice, 999, 0, 1);
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
        (address owner, address prevOwner, uint64 prevBlock, uint64 exitBlock, uint64 exitableAt, uint32 open, uint64 id)
        = cash.exitOf(slot, alice);
        assertEq(owner, alice, "owner");
        assertEq(prevOwner, address(0), "no previous owner");
        assertEq(prevBlock, 0, "no previous block");
        assertEq(exitBlock, 999, "origin block");
        assertEq(exitableAt, block.timestamp + MEP, "one period");
        assertEq(open, 0, "no challenges");
        assertEq(id, 1, "the first claim");
        assertEq(_state(slot), 1, "EXITING");
        (uint32 exits, uint32 checkpoints) = _pending(slot);
        assertEq(exits, 1, "one pending exit");
        assertEq(checkpoints, 0, "no checkpoint");
        assertEq(address(cash).balance, 1 ether + COIN_EXIT_BOND, "bond held");
    }

    function test_startExit_firstSpendClaim() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        (address owner, address prevOwner, uint64 prevBlock, uint64 exitBlock,,,) = cash.exitOf(h.slot, bob);
        assertEq(owner, bob, "owner");
        assertEq(prevOwner, alice, "previous owner is the origin owner");
        assertEq(prevBlock, h.origin, "prev block is the origin");
        assertEq(exitBlock, h.b1, "exit block");
    }

    function test_startExit_generalClaim() public {
        History memory h = _history();
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitStarted(h.slot, carol, h.b2, h.b1, 1);
        _startCarolExit(h);
        (address owner, address prevOwner, uint64 prevBlock, uint64 exitBlock,,,) = cash.exitOf(h.slot, carol);
        assertEq(owner, carol, "owner");
        assertEq(prevOwner, bob, "previous owner");
        assertEq(prevBlock, h.b1, "prev block");
        assertEq(exitBlock, h.b2, "exit block");
    }

    function test_startExit_revertsOnWrongBond() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BadBond.selector, 1, COIN_EXIT_BOND));
        vm.prank(alice);
        cash.startExit{value: 1}(slot, _originClaim());
    }

    function test_startExit_revertsOnUnknownCoin() public {
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.UnknownCoin.selector, uint64(0)));
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(0, _originClaim());
    }

    function test_startExit_revertsWhenTheCallerAlreadyExits() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimPending.selector, slot, alice, false));
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
        (uint32 exits,) = _pending(slot);
        assertEq(exits, 1, "nothing stored");
    }

    function test_startExit_revertsWhenExited() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(slot, alice);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.CoinExited.selector, slot));
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
    }

    function test_startExit_revertsForNonOwner() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NotClaimOwner.selector, carol));
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnSignerNotPrevOwner() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        c.exitSig = _signCoin(aliceKey, h.tx2); // alice no longer owns it at block 1000
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.SignerNotOwner.selector, alice, bob));
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnPrevTxWithOriginClaim() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _originClaim();
        c.prevTx = h.tx1;
        vm.expectRevert(CashExitGameBase.UnexpectedPrevTx.selector);
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnPrevTxWithFirstSpend() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        c.prevTx = h.tx1;
        vm.expectRevert(CashExitGameBase.UnexpectedPrevTx.selector);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnWrongSlot() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.WrongSlot.selector, uint64(0)));
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(1, c);
    }

    function test_startExit_revertsOnMalformedTransfer() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        c.exitTx = bytes.concat(h.tx2, bytes1(0));
        vm.expectRevert(abi.encodeWithSelector(CoinTransfer.BadCoinTx.selector, uint256(37)));
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnExitBlockNotAfterPrevBlock() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        c.exitBlock = h.b1;
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BlockOutOfRange.selector, h.b1));
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnEmptyCoinBlock() public {
        History memory h = _history();
        uint64 empty = _submitEmpty();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        c.exitBlock = empty;
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.EmptyCoinBlock.selector, empty));
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnBadInclusionProof() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        c.exitProof = _coinProof(h.b2, 1); // the neighbour's proof
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.CoinNotIncluded.selector, h.b2));
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnWrongProofLength() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        c.exitProof = bytes.concat(c.exitProof, bytes1(0));
        vm.expectRevert(abi.encodeWithSelector(CoinTree.BadCoinProof.selector, c.exitProof.length));
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_startExit_revertsOnMalformedSignature() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _carolClaim(h);
        c.exitSig = new bytes(64);
        vm.expectRevert(ExitGameBase.BadSignature.selector);
        vm.prank(carol);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    // ---- challenge-after ----

    function test_challengeAfter_cancelsExitAndPaysBondToChallenger() public {
        History memory h = _history();
        // bob exits the coin he already gave to carol
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        _commitCoin(carol, h.slot, keccak256(h.tx2));
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(h.slot, bob, carol, 1);
        vm.prank(carol);
        cash.challengeAfter(h.slot, bob, h.tx2, h.sig2, _coinProof(h.b2, h.slot), h.b2);
        (address owner,,) = _exitOf(h.slot, bob);
        assertEq(owner, address(0), "exit deleted");
        assertEq(_state(h.slot), 0, "back to DEPOSITED");
        assertEq(cash.bonds(carol), COIN_EXIT_BOND, "exit bond to the challenger");
    }

    function test_challengeAfter_revertsWithoutCommitment() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        // carol committed; a front-runner copying her reveal has no commitment of his own
        _commitCoin(carol, h.slot, keccak256(h.tx2));
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectRevert(ExitGameBase.NoCommitment.selector);
        vm.prank(dave);
        cash.challengeAfter(h.slot, bob, h.tx2, h.sig2, proof, h.b2);
        assertEq(_state(h.slot), 1, "still EXITING");
    }

    function test_challengeAfter_revertsWhenCommittedInSameBlock() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        vm.prank(carol);
        fw.commitChallenge(keccak256(abi.encode(carol, h.slot, keccak256(h.tx2))));
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectRevert(ExitGameBase.CommitmentTooRecent.selector);
        vm.prank(carol);
        cash.challengeAfter(h.slot, bob, h.tx2, h.sig2, proof, h.b2);
    }

    function test_challengeAfter_revertsOnWrongPrevBlock() public {
        History memory h = _history();
        _startCarolExit(h);
        // tx2 spends block 1000, not carol's exit block 2000
        _commitCoin(dave, h.slot, keccak256(h.tx2));
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.WrongPrevBlock.selector, h.b1, h.b2));
        vm.prank(dave);
        cash.challengeAfter(h.slot, carol, h.tx2, h.sig2, proof, h.b2);
    }

    function test_challengeAfter_revertsOnSignerNotExitOwner() public {
        History memory h = _history();
        _startCarolExit(h);
        bytes memory spend = CoinEncoder.transfer(h.slot, h.b2, dave);
        bytes memory sig = _signCoin(bobKey, spend); // not carol's signature
        uint64 b3 = _submitCoin(spend);
        _commitCoin(dave, h.slot, keccak256(spend));
        bytes memory proof = _coinProof(b3, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.SignerNotOwner.selector, bob, carol));
        vm.prank(dave);
        cash.challengeAfter(h.slot, carol, spend, sig, proof, b3);
    }

    function test_challengeAfter_revertsWithoutExit() public {
        History memory h = _history();
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NoClaim.selector, h.slot, bob, false));
        vm.prank(carol);
        cash.challengeAfter(h.slot, bob, h.tx2, h.sig2, proof, h.b2);
    }

    // ---- challenge-between ----

    function test_challengeBetween_doubleSpendByPreviousOwnerCancelsExit() public {
        History memory h = _history();
        // bob also gives the coin (spending block 1000) to dave, in block 3000, and dave exits
        CashExitGameBase.CoinClaim memory c = _doubleSpendToDave(h);
        vm.prank(dave);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        _commitCoin(carol, h.slot, keccak256(h.tx2));
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(h.slot, dave, carol, 2);
        vm.prank(carol);
        cash.challengeBetween(h.slot, dave, h.tx2, h.sig2, _coinProof(h.b2, h.slot), h.b2);
        assertEq(_state(h.slot), 0, "back to DEPOSITED");
        assertEq(cash.bonds(carol), COIN_EXIT_BOND, "bond to the challenger");
    }

    /// @dev An old transfer of an earlier ownership period (alice -> bob, spending the origin) is signed by
    ///      alice, and alice later owns the coin again; it must not cancel her honest exit.
    function test_challengeBetween_rejectsReplayOfOldPeriodTransfer() public {
        History memory h = _history();
        // carol gives the coin back to alice in block 3000, alice exits
        bytes memory back = CoinEncoder.transfer(h.slot, h.b2, alice);
        bytes memory backSig = _signCoin(carolKey, back);
        uint64 b3 = _submitCoin(back);
        bytes memory again = CoinEncoder.transfer(h.slot, b3, bob);
        bytes memory againSig = _signCoin(aliceKey, again);
        // alice -> bob again at 4000; bob exits (prevOwner alice, prevBlock 3000)
        uint64 b4 = _submitCoin(again);
        CashExitGameBase.CoinClaim memory c = _claim(back, b3, again, againSig, b4);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        // the old alice -> bob of block 1000 is alice's signature too, but it spends the origin, not block 3000
        _commitCoin(dave, h.slot, keccak256(h.tx1));
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.WrongPrevBlock.selector, h.origin, b3));
        vm.prank(dave);
        cash.challengeBetween(h.slot, bob, h.tx1, h.sig1, proof, h.b1);
        assertEq(_state(h.slot), 1, "exit stands");
    }

    function test_challengeBetween_revertsOnOriginClaim() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
        vm.expectRevert(CashExitGameBase.OriginClaim.selector);
        vm.prank(bob);
        cash.challengeBetween(slot, alice, CoinEncoder.transfer(slot, 999, bob), new bytes(65), hex"0000000000000000", 1000);
    }

    function test_challengeBetween_revertsOnBlockNotBetween() public {
        History memory h = _history();
        // bob's double spend of block 1000 included AFTER carol's exit block: challenge-between cannot use it
        bytes memory dbl = CoinEncoder.transfer(h.slot, h.b1, dave);
        bytes memory dblSig = _signCoin(bobKey, dbl);
        uint64 b3 = _submitCoin(dbl);
        _startCarolExit(h);
        _commitCoin(dave, h.slot, keccak256(dbl));
        bytes memory proof = _coinProof(b3, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BlockOutOfRange.selector, b3));
        vm.prank(dave);
        cash.challengeBetween(h.slot, carol, dbl, dblSig, proof, b3);
    }

    // ---- challenge-before, response, finalization ----

    /// @dev carol exits with a valid history; a griefer challenges from the origin and carol answers with
    ///      alice's spend of the origin.
    function test_challengeBeforeFromOrigin_answeredByOriginOwnersSpend() public {
        History memory h = _history();
        _startCarolExit(h);
        _commitCoin(dave, h.slot, bytes32(0));
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinChallenged(h.slot, carol, false, 1, 0, bytes32(0), alice, h.origin, dave);
        vm.prank(dave);
        cash.challengeBeforeFromOrigin{value: COIN_CHALLENGE_BOND}(h.slot, carol, false);
        _assertOriginChallenge(h, true);

        _commitCoin(carol, h.slot, keccak256(h.tx1));
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinChallengeAnswered(h.slot, carol, false, h.origin, carol, COIN_CHALLENGE_BOND);
        vm.prank(carol);
        cash.respondChallengeBefore(h.slot, carol, false, h.tx1, h.sig1, proof, h.b1);
        _assertOriginChallenge(h, false);
        assertEq(cash.bonds(carol), COIN_CHALLENGE_BOND, "challenge bond to the responder");

        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        assertEq(_state(h.slot), 2, "EXITED");
        assertEq(cash.bonds(carol), COIN_CHALLENGE_BOND + COIN_EXIT_BOND, "exit bond refunded");
    }

    /// @dev dave's challenge from the origin against carol's exit (claim 1), open or answered.
    function _assertOriginChallenge(History memory h, bool expectOpen) internal view {
        (address claimedOwner, uint64 filings, bool open) = cash.evidenceOf(h.slot, carol, false, h.origin);
        assertEq(claimedOwner, alice, "claimed owner");
        assertEq(filings, 1, "one filing");
        assertTrue(open == expectOpen, "evidence open");
        (address challenger, uint64 blk, bool chOpen) = cash.challengeAt(h.slot, carol, false, 1, 0);
        assertEq(challenger, dave, "challenger");
        assertEq(blk, h.origin, "blk");
        assertTrue(chOpen == expectOpen, "challenge open");
        (,, uint32 openCount) = _exitOf(h.slot, carol);
        assertEq(openCount, expectOpen ? 1 : 0, "open challenges");
    }

    /// @dev A forged history: the operator includes "alice -> dave", signed by dave, not alice; dave passes
    ///      the coin to bob, who exits. alice's challenge-before from the origin cannot be answered; bob's exit
    ///      fails at maturity and forfeits its bond to the coin, which alice exits (side by side with bob's
    ///      exit) and withdraws, with the forfeited bond.
    function test_challengeBefore_unansweredChallengeFailsForgedExit() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        uint64 origin = uint64(fw.nextChildBlock() - 1);
        // the operator includes a transfer alice never signed, then dave moves it to bob (dave's friend)
        bytes memory forged = CoinEncoder.transfer(slot, origin, dave);
        bytes memory forgedSig = _signCoin(daveKey, forged);
        uint64 b1 = _submitCoin(forged);
        bytes memory onward = CoinEncoder.transfer(slot, b1, bob);
        bytes memory onwardSig = _signCoin(daveKey, onward);
        uint64 b2 = _submitCoin(onward);
        // bob exits with the last two transfers, which look valid on their own
        CashExitGameBase.CoinClaim memory c = _claim(forged, b1, onward, onwardSig, b2);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(slot, c);
        // alice challenges with the origin: she still owns the coin as of the origin and never spent it
        _challengeFromOrigin(alice, slot, bob, false);
        // the forged transfer is not alice's: answering with it fails the signer rule
        _commitCoin(bob, slot, keccak256(forged));
        bytes memory proof = _coinProof(b1, slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.SignerNotOwner.selector, dave, alice));
        vm.prank(bob);
        cash.respondChallengeBefore(slot, bob, false, forged, forgedSig, proof, b1);
        // alice's own exit runs beside bob's
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());

        vm.warp(block.timestamp + MEP);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(slot, bob, address(0), 3);
        cash.finalizeExit(slot, bob);
        assertEq(_state(slot), 1, "still EXITING: alice's exit is pending");
        assertEq(cash.bonds(alice), COIN_CHALLENGE_BOND, "her challenge bond refunded");
        assertEq(cash.bonds(bob), 0, "the exiter gets nothing");
        assertEq(cash.forfeits(slot), COIN_EXIT_BOND, "bob's bond is forfeited to the coin");

        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitFinalized(slot, alice, COIN_EXIT_BOND);
        cash.finalizeExit(slot, alice);
        assertEq(cash.bonds(alice), COIN_CHALLENGE_BOND + 2 * COIN_EXIT_BOND, "her bond plus bob's forfeited one");
        assertEq(cash.forfeits(slot), 0, "paid out");
        uint256 before = alice.balance;
        vm.prank(alice);
        cash.withdraw(slot, alice);
        assertEq(alice.balance, before + 1 ether, "alice's coin is paid to her");
    }

    // ---- finalize and withdraw ----

    function test_finalizeExit_thenWithdrawEthAndBonds() public {
        History memory h = _history();
        _startCarolExit(h);
        vm.warp(block.timestamp + MEP - 1);
        (, uint64 exitableAt,) = _exitOf(h.slot, carol);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimNotMature.selector, exitableAt));
        cash.finalizeExit(h.slot, carol);
        vm.warp(block.timestamp + 1);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitFinalized(h.slot, carol, 0);
        vm.prank(dave); // anyone may finalize
        cash.finalizeExit(h.slot, carol);
        (,,, uint8 state,,, address exitedOwner) = cash.coin(h.slot);
        assertEq(state, 2, "EXITED");
        assertEq(exitedOwner, carol, "exited owner");
        (uint32 exits,) = _pending(h.slot);
        assertEq(exits, 0, "no pending exit");

        uint256 before = carol.balance;
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinWithdrawn(h.slot, carol, carol);
        vm.prank(carol);
        cash.withdraw(h.slot, carol);
        assertEq(carol.balance, before + 1 ether, "coin paid");
        assertEq(_state(h.slot), 3, "WITHDRAWN");

        vm.prank(carol);
        cash.withdrawBonds();
        assertEq(carol.balance, before + 1 ether + COIN_EXIT_BOND, "bond paid");
        assertEq(cash.bonds(carol), 0, "bond cleared");
        assertEq(address(cash).balance, 2 ether, "only dave's coin is left");
    }

    function test_withdraw_revertsForNonExitedOwner() public {
        History memory h = _history();
        _startCarolExit(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NotExitedOwner.selector, carol));
        vm.prank(bob);
        cash.withdraw(h.slot, bob);
    }

    function test_withdraw_revertsTwice() public {
        History memory h = _history();
        _startCarolExit(h);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, carol);
        vm.prank(carol);
        cash.withdraw(h.slot, carol);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NotExitedOwner.selector, carol));
        vm.prank(carol);
        cash.withdraw(h.slot, carol);
    }

    function test_withdrawBonds_revertsWhenNothingCredited() public {
        vm.expectRevert(CashExitGameBase.NoBonds.selector);
        vm.prank(alice);
        cash.withdrawBonds();
    }
}
