// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CashTestBase} from "./utils/CashTestBase.sol";
import {CoinEncoder} from "./utils/CoinEncoder.sol";
import {CashExitGameBase} from "../src/games/CashExitGameBase.sol";
import {ExitGameBase} from "../src/games/ExitGameBase.sol";
import {DevToken} from "../src/DevToken.sol";
import {MockErc721} from "../src/mocks/MockErc721.sol";
import {RevertingReceiver} from "../src/mocks/RevertingReceiver.sol";

/// @dev An ERC721 whose transferFrom moves nothing: the game must notice that the token never arrived.
contract LyingErc721 {
    function transferFrom(address, address, uint256) external {}

    function ownerOf(uint256) external pure returns (address) {
        return address(0xdead);
    }
}

/// @notice Challenges-before with transfers, their responses and rules, late-challenge extension, bond
///         settlement with several challengers, and withdrawals of every coin kind.
contract CashChallengesTest is CashTestBase {
    /// @dev carol exits; dave (a griefer) challenges with the transfer alice -> bob of block 1000, claiming bob
    ///      still owned it; carol answers with bob's spend (block 2000).
    function _challengeWithTx1(History memory h) internal {
        _challengeBeforeWith(dave, h.slot, dave, false, h.tx1, h.sig1, h.b1);
    }

    /// @dev A three-hop history so that a transfer lies strictly between the origin and the exit's prevBlock:
    ///      alice -> bob (1000), bob -> carol (2000), carol -> dave (3000); dave exits.
    function _daveExit() internal returns (History memory h, bytes memory tx3, uint64 b3) {
        h = _history();
        tx3 = CoinEncoder.transfer(h.slot, h.b2, dave);
        bytes memory sig3 = _signCoin(carolKey, tx3);
        b3 = _submitCoin(tx3);
        CashExitGameBase.CoinClaim memory c = _claim(h.tx2, h.b2, tx3, sig3, b3);
        vm.prank(dave);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
    }

    function test_challengeBefore_withTransferRecordsChallengeAndIsAnswered() public {
        (History memory h,,) = _daveExit();
        _commitCoin(alice, h.slot, keccak256(h.tx1));
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinChallenged(h.slot, dave, false, 1, 0, keccak256(h.tx1), bob, h.b1, alice);
        vm.prank(alice);
        cash.challengeBefore{value: COIN_CHALLENGE_BOND}(h.slot, dave, false, h.tx1, h.sig1, proof, h.b1);
        (address claimedOwner, uint64 filings, bool open) = cash.evidenceOf(h.slot, dave, false, h.b1);
        assertEq(claimedOwner, bob, "claims bob still owns it");
        assertEq(filings, 1, "one filing");
        assertTrue(open, "open");

        // dave answers with bob's spend (prevBlock 1000, signed by bob, at 2000 <= the exit's prevBlock 2000)
        _respond(dave, h.slot, dave, false, h.tx2, h.sig2, h.b2);
        (,, open) = cash.evidenceOf(h.slot, dave, false, h.b1);
        assertTrue(!open, "answered");
        (,, uint32 openCount) = _exitOf(h.slot, dave);
        assertEq(openCount, 0, "no open challenge");
        assertEq(cash.bonds(dave), COIN_CHALLENGE_BOND, "challenge bond to the responder");
    }

    function test_challengeBefore_revertsOnWrongBond() public {
        (History memory h,,) = _daveExit();
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BadBond.selector, 0, COIN_CHALLENGE_BOND));
        vm.prank(alice);
        cash.challengeBefore(h.slot, dave, false, h.tx1, h.sig1, proof, h.b1);
    }

    function test_challengeBefore_revertsOnBlockNotBeforePrevBlock() public {
        (History memory h,,) = _daveExit();
        // tx2 is at 2000, the exit's prevBlock itself: not strictly before
        _commitCoin(alice, h.slot, keccak256(h.tx2));
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BlockOutOfRange.selector, h.b2));
        vm.prank(alice);
        cash.challengeBefore{value: COIN_CHALLENGE_BOND}(h.slot, dave, false, h.tx2, h.sig2, proof, h.b2);
    }

    function test_challengeBefore_revertsWithoutClaim() public {
        (History memory h,,) = _daveExit();
        _commitCoin(alice, h.slot, keccak256(h.tx1));
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NoClaim.selector, h.slot, carol, false));
        vm.prank(alice);
        cash.challengeBefore{value: COIN_CHALLENGE_BOND}(h.slot, carol, false, h.tx1, h.sig1, proof, h.b1);
    }

    /// @dev The same evidence filed by a second challenger is recorded beside the first (neither blocks the
    ///      other); one answer closes both and takes both bonds.
    function test_challengeBefore_sameEvidenceByTwoChallengersIsAnsweredOnceForBoth() public {
        (History memory h,,) = _daveExit();
        _challengeBeforeWith(alice, h.slot, dave, false, h.tx1, h.sig1, h.b1);
        _challengeBeforeWith(bob, h.slot, dave, false, h.tx1, h.sig1, h.b1);
        (, uint64 filings, bool open) = cash.evidenceOf(h.slot, dave, false, h.b1);
        assertEq(filings, 2, "two filings");
        assertTrue(open, "open");
        (,, uint32 openCount) = _exitOf(h.slot, dave);
        assertEq(openCount, 1, "one piece of open evidence");
        (address second,,) = cash.challengeAt(h.slot, dave, false, 1, 1);
        assertEq(second, bob, "bob's filing is the second");

        _respond(dave, h.slot, dave, false, h.tx2, h.sig2, h.b2);
        assertEq(cash.bonds(dave), 2 * COIN_CHALLENGE_BOND, "both bonds to the responder");
        (,, openCount) = _exitOf(h.slot, dave);
        assertEq(openCount, 0, "none open");
        // answered evidence cannot be filed again
        _commitCoin(carol, h.slot, keccak256(h.tx1));
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ChallengeAnswered.selector, h.b1));
        vm.prank(carol);
        cash.challengeBefore{value: COIN_CHALLENGE_BOND}(h.slot, dave, false, h.tx1, h.sig1, proof, h.b1);
        assertEq(cash.challengeCount(h.slot, dave, false, 1), 2, "nothing stored");

        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(h.slot, dave);
        assertEq(cash.bonds(dave), 2 * COIN_CHALLENGE_BOND + COIN_EXIT_BOND, "the exit finalizes");
        assertEq(cash.bonds(alice) + cash.bonds(bob), 0, "the answered challengers get nothing");
    }

    function test_challengeBefore_revertsWithoutCommitment() public {
        (History memory h,,) = _daveExit();
        bytes memory proof = _coinProof(h.b1, h.slot);
        vm.expectRevert(ExitGameBase.NoCommitment.selector);
        vm.prank(alice);
        cash.challengeBefore{value: COIN_CHALLENGE_BOND}(h.slot, dave, false, h.tx1, h.sig1, proof, h.b1);
    }

    function test_challengeBeforeFromOrigin_revertsOnFirstSpendClaim() public {
        History memory h = _history();
        CashExitGameBase.CoinClaim memory c = _firstSpendClaim(h.tx1, h.sig1, h.b1);
        vm.prank(bob);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        _commitCoin(alice, h.slot, bytes32(0));
        // bob's claim spends the origin itself: no history before it to challenge
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BlockOutOfRange.selector, h.origin));
        vm.prank(alice);
        cash.challengeBeforeFromOrigin{value: COIN_CHALLENGE_BOND}(h.slot, bob, false);
    }

    function test_respondChallengeBefore_revertsOnUnknownChallenge() public {
        (History memory h,,) = _daveExit();
        _commitCoin(dave, h.slot, keccak256(h.tx2));
        bytes memory proof = _coinProof(h.b2, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NoSuchChallenge.selector, h.b1));
        vm.prank(dave);
        cash.respondChallengeBefore(h.slot, dave, false, h.tx2, h.sig2, proof, h.b2);
    }

    /// @dev A spend of another block names other evidence, which nobody filed.
    function test_respondChallengeBefore_revertsOnSpendOfAnotherBlock() public {
        (History memory h, bytes memory tx3, uint64 b3) = _daveExit();
        _challengeWithTx1(h);
        // tx3 spends 2000, not the challenged block 1000
        _commitCoin(dave, h.slot, keccak256(tx3));
        bytes memory proof = _coinProof(b3, h.slot);
        bytes memory sig3 = _signCoin(carolKey, tx3);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NoSuchChallenge.selector, h.b2));
        vm.prank(dave);
        cash.respondChallengeBefore(h.slot, dave, false, tx3, sig3, proof, b3);
    }

    function test_respondChallengeBefore_revertsOnSpendAfterClaimPrevBlock() public {
        (History memory h,,) = _daveExit();
        _challengeWithTx1(h);
        // a spend of block 1000 by bob, included only after the claim's prevBlock (2000)
        bytes memory late = CoinEncoder.transfer(h.slot, h.b1, dave);
        bytes memory lateSig = _signCoin(bobKey, late);
        uint64 b4 = _submitCoin(late);
        _commitCoin(dave, h.slot, keccak256(late));
        bytes memory proof = _coinProof(b4, h.slot);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.BlockOutOfRange.selector, b4));
        vm.prank(dave);
        cash.respondChallengeBefore(h.slot, dave, false, late, lateSig, proof, b4);
    }

    // ---- late challenges ----

    function test_lateChallenge_extendsExitByHalfAPeriod() public {
        (History memory h,,) = _daveExit();
        (, uint64 exitableAt,) = _exitOf(h.slot, dave);
        vm.warp(exitableAt - 10); // ten seconds before the exit would finalize
        _challengeBeforeWith(alice, h.slot, dave, false, h.tx1, h.sig1, h.b1);
        (, uint64 extended,) = _exitOf(h.slot, dave);
        assertEq(extended, block.timestamp + MEP / 2, "the exiter has half a period to answer");
        vm.warp(exitableAt);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimNotMature.selector, extended));
        cash.finalizeExit(h.slot, dave);
    }

    /// @dev Filing known evidence again late gives no new extension: the claimant has had half a period for it.
    function test_lateChallenge_knownEvidenceDoesNotExtendAgain() public {
        (History memory h,,) = _daveExit();
        (, uint64 exitableAt,) = _exitOf(h.slot, dave);
        vm.warp(exitableAt - 10);
        _challengeBeforeWith(alice, h.slot, dave, false, h.tx1, h.sig1, h.b1);
        (, uint64 extended,) = _exitOf(h.slot, dave);
        vm.warp(extended - 10);
        _challengeBeforeWith(bob, h.slot, dave, false, h.tx1, h.sig1, h.b1);
        (, uint64 after_,) = _exitOf(h.slot, dave);
        assertEq(after_, extended, "unchanged");
    }

    function test_earlyChallenge_keepsExitPeriod() public {
        (History memory h,,) = _daveExit();
        (, uint64 exitableAt,) = _exitOf(h.slot, dave);
        _challengeWithTx1(h);
        (, uint64 after_,) = _exitOf(h.slot, dave);
        assertEq(after_, exitableAt, "unchanged");
    }

    // ---- settlement with several challengers ----

    /// @dev bob's origin challenge is answered, carol's (with tx1) is not: the exit fails, its bond is forfeited
    ///      to the coin (no challenger wins it), carol's bond is refunded, bob's went to the responder.
    function test_finalizeExit_failsForfeitingTheBondToTheCoinAndRefundsOpenChallenges() public {
        (History memory h,,) = _daveExit();
        _challengeFromOrigin(bob, h.slot, dave, false);
        _challengeBeforeWith(carol, h.slot, dave, false, h.tx1, h.sig1, h.b1);
        // dave answers bob's origin challenge with alice's spend
        _respond(dave, h.slot, dave, false, h.tx1, h.sig1, h.b1);
        assertEq(cash.bonds(dave), COIN_CHALLENGE_BOND, "answered bond");

        (, uint64 exitableAt,) = _exitOf(h.slot, dave);
        vm.warp(exitableAt);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(h.slot, dave, address(0), 3);
        cash.finalizeExit(h.slot, dave);
        assertEq(cash.bonds(carol), COIN_CHALLENGE_BOND, "open challenger refunded, nothing more");
        assertEq(cash.bonds(bob), 0, "answered challenger loses his bond");
        assertEq(cash.bonds(dave), COIN_CHALLENGE_BOND, "the exiter keeps only what he won");
        assertEq(cash.forfeits(h.slot), COIN_EXIT_BOND, "the exit bond stays with the coin");
        assertEq(_state(h.slot), 0, "DEPOSITED again");
        (address claimant,,) = _exitOf(h.slot, dave);
        assertEq(claimant, address(0), "exit gone");
    }

    function test_challengeAfter_refundsOpenChallengesBefore() public {
        (History memory h, bytes memory tx3, uint64 b3) = _daveExit();
        _challengeFromOrigin(bob, h.slot, dave, false);
        // dave already gave the coin back to alice: alice cancels his exit with challenge-after
        bytes memory tx4 = CoinEncoder.transfer(h.slot, b3, alice);
        bytes memory sig4 = _signCoin(daveKey, tx4);
        uint64 b4 = _submitCoin(tx4);
        _commitCoin(alice, h.slot, keccak256(tx4));
        bytes memory proof = _coinProof(b4, h.slot);
        vm.prank(alice);
        cash.challengeAfter(h.slot, dave, tx4, sig4, proof, b4);
        assertEq(cash.bonds(alice), COIN_EXIT_BOND, "exit bond to the challenger-after");
        assertEq(cash.bonds(bob), COIN_CHALLENGE_BOND, "open challenge-before refunded");
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NothingToSettle.selector, uint64(1), uint256(0)));
        cash.settleChallenge(h.slot, dave, false, 1, 0);
        // a new exit starts without the old challenges
        CashExitGameBase.CoinClaim memory c = _claim(tx3, b3, tx4, sig4, b4);
        vm.prank(alice);
        cash.startExit{value: COIN_EXIT_BOND}(h.slot, c);
        assertEq(_exitId(h.slot, alice), 2, "a new claim");
        assertEq(cash.challengeCount(h.slot, alice, false, 2), 0, "fresh");
    }

    // ---- many challenges: a close settles the first 32, the rest settle one by one ----

    struct Crowd {
        uint64 slot;
        bytes[] junk;
        bytes[] junkSigs;
        uint64[] junkBlocks;
        uint256[] ownerKeys;
    }

    /// @dev `n` transfers of alice's coin that nobody entitled signed (each to a fresh key), then a claim by
    ///      dave whose previous block is after all of them: carol -> dave from carol's (equally junk) block.
    function _crowdedExit(uint256 n, bool withAnswers) internal returns (Crowd memory c) {
        c.slot = _depositCoin(alice, 1 ether);
        (, uint64 origin,,,,) = _coinOrigin(c.slot);
        c.junk = new bytes[](n);
        c.junkSigs = new bytes[](n);
        c.junkBlocks = new uint64[](n);
        c.ownerKeys = new uint256[](n);
        for (uint256 k = 0; k < n; ++k) {
            c.ownerKeys[k] = 0xC0FFEE + k;
            c.junk[k] = CoinEncoder.transfer(c.slot, origin, vm.addr(c.ownerKeys[k]));
            c.junkSigs[k] = _signCoin(daveKey, c.junk[k]);
            c.junkBlocks[k] = _submitCoin(c.junk[k]);
            if (withAnswers) _submitCoin(_answerTx(c, k)); // the spend that answers challenge k, one block later
        }
        bytes memory prevTx = CoinEncoder.transfer(c.slot, origin, carol);
        uint64 prevBlk = _submitCoin(prevTx);
        bytes memory exitTx = CoinEncoder.transfer(c.slot, prevBlk, dave);
        bytes memory exitSig = _signCoin(carolKey, exitTx);
        uint64 exitBlk = _submitCoin(exitTx);
        vm.prank(dave);
        cash.startExit{value: COIN_EXIT_BOND}(c.slot, _claim(prevTx, prevBlk, exitTx, exitSig, exitBlk));
        for (uint256 k = 0; k < n; ++k) {
            address challenger = _challenger(k);
            vm.deal(challenger, 1 ether);
            _challengeBeforeWith(challenger, c.slot, dave, false, c.junk[k], c.junkSigs[k], c.junkBlocks[k]);
        }
    }

    function _answerTx(Crowd memory c, uint256 k) internal pure returns (bytes memory) {
        return CoinEncoder.transfer(c.slot, c.junkBlocks[k], address(0xA11CE));
    }

    function _challenger(uint256 k) internal pure returns (address) {
        return address(uint160(0x5000 + k));
    }

    function _coinOrigin(uint64 slot)
        internal
        view
        returns (address token, uint64 originBlock, address originOwner, uint8 kind, uint8 state, uint256 value)
    {
        (token, kind, value, state, originBlock, originOwner,) = cash.coin(slot);
    }

    function test_finalize_settlesTheFirst32ChallengesAndTheRestSettleOneByOne() public {
        Crowd memory c = _crowdedExit(34, false);
        uint64 id = _exitId(c.slot, dave);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.ClaimStillPending.selector, id));
        cash.settleChallenge(c.slot, dave, false, id, 33);

        (, uint64 exitableAt,) = _exitOf(c.slot, dave);
        vm.warp(exitableAt);
        uint256 gasBefore = gasleft();
        cash.finalizeExit(c.slot, dave);
        assertLe(gasBefore - gasleft(), 1_500_000, "a close is bounded whatever the number of challenges");
        assertEq(cash.bonds(_challenger(0)), COIN_CHALLENGE_BOND, "refunded at close, no reward");
        assertEq(cash.bonds(_challenger(31)), COIN_CHALLENGE_BOND, "32nd refunded at close");
        assertEq(cash.bonds(_challenger(32)), 0, "33rd waits");
        assertEq(cash.forfeits(c.slot), COIN_EXIT_BOND, "the failed exit's bond stays with the coin");
        assertEq(_state(c.slot), 0, "DEPOSITED again");

        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.ChallengeSettled(c.slot, id, 33, _challenger(33), COIN_CHALLENGE_BOND);
        vm.prank(alice); // anyone may settle; the challenger is paid
        cash.settleChallenge(c.slot, dave, false, id, 33);
        assertEq(cash.bonds(_challenger(33)), COIN_CHALLENGE_BOND, "refunded by settlement");
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NothingToSettle.selector, id, uint256(33)));
        cash.settleChallenge(c.slot, dave, false, id, 33);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NothingToSettle.selector, id, uint256(0)));
        cash.settleChallenge(c.slot, dave, false, id, 0);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NothingToSettle.selector, id, uint256(34)));
        cash.settleChallenge(c.slot, dave, false, id, 34);
        // another claimant's name does not reach this claim's challenges
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NothingToSettle.selector, id, uint256(32)));
        cash.settleChallenge(c.slot, carol, false, id, 32);
        cash.settleChallenge(c.slot, dave, false, id, 32);
        assertEq(cash.bonds(_challenger(32)), COIN_CHALLENGE_BOND, "the 33rd refunded too");
    }

    function test_finalize_whenTheFirst32WereAnsweredTheLaterChallengeSettlesOnItsOwn() public {
        Crowd memory c = _crowdedExit(33, true);
        for (uint256 k = 0; k < 32; ++k) {
            bytes memory answer = _answerTx(c, k);
            _respond(dave, c.slot, dave, false, answer, _signCoin(c.ownerKeys[k], answer), c.junkBlocks[k] + 1000);
        }
        assertEq(cash.bonds(dave), 32 * COIN_CHALLENGE_BOND, "dave won the 32 answered bonds");
        (, uint64 exitableAt, uint32 open) = _exitOf(c.slot, dave);
        assertEq(open, 1, "one challenge still open");
        uint64 id = _exitId(c.slot, dave);
        vm.warp(exitableAt);
        vm.expectEmit(true, true, true, true);
        emit CashExitGameBase.CoinExitCancelled(c.slot, dave, address(0), 3);
        cash.finalizeExit(c.slot, dave);
        assertEq(cash.bonds(_challenger(32)), 0, "not settled at close");
        assertEq(cash.forfeits(c.slot), COIN_EXIT_BOND, "forfeited to the coin");

        cash.settleChallenge(c.slot, dave, false, id, 32);
        assertEq(cash.bonds(_challenger(32)), COIN_CHALLENGE_BOND, "its own bond back");
        assertEq(cash.bonds(dave), 32 * COIN_CHALLENGE_BOND, "the failed exiter gets nothing more");
    }

    // ---- withdrawals of every kind ----

    function _exitOrigin(uint64 slot, address owner) internal {
        vm.prank(owner);
        cash.startExit{value: COIN_EXIT_BOND}(slot, _originClaim());
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(slot, owner);
    }

    function test_withdraw_erc20() public {
        DevToken token = new DevToken("Dev", "DEV");
        uint64 slot = _depositErc20Coin(address(token), alice, 700);
        _exitOrigin(slot, alice);
        vm.prank(alice);
        cash.withdraw(slot, alice);
        assertEq(token.balanceOf(alice), 700, "tokens back");
        assertEq(token.balanceOf(address(cash)), 0, "game empty");
    }

    function test_withdraw_erc721() public {
        MockErc721 nft = new MockErc721();
        uint64 slot = _depositErc721Coin(address(nft), alice, 7);
        _exitOrigin(slot, alice);
        vm.prank(alice);
        cash.withdraw(slot, alice);
        assertEq(nft.ownerOf(7), alice, "token back");
    }

    function test_depositErc721_revertsWhenTokenNeverArrives() public {
        LyingErc721 liar = new LyingErc721();
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.Erc721NotReceived.selector, address(liar), 1));
        vm.prank(alice);
        cash.depositErc721(address(liar), 1);
        assertEq(cash.nextSlot(), 0, "nothing minted");
    }

    function test_withdrawBonds_revertsWhenRecipientRejects() public {
        RevertingReceiver r = new RevertingReceiver();
        vm.deal(address(r), 1 ether);
        r.setRejecting(false);
        bytes memory ret = r.execute(address(cash), abi.encodeCall(cash.depositEth, ()), 0.5 ether);
        uint64 slot = abi.decode(ret, (uint64));
        r.execute(address(cash), abi.encodeCall(cash.startExit, (slot, _originClaim())), COIN_EXIT_BOND);
        vm.warp(block.timestamp + MEP);
        cash.finalizeExit(slot, address(r));
        r.setRejecting(true);
        bytes memory inner = abi.encodeWithSelector(CashExitGameBase.EthTransferFailed.selector, address(r));
        vm.expectRevert(abi.encodeWithSelector(RevertingReceiver.CallFailed.selector, inner));
        r.execute(address(cash), abi.encodeCall(cash.withdrawBonds, ()), 0);
        assertEq(cash.bonds(address(r)), COIN_EXIT_BOND, "bond still credited");
    }

    function test_finalizeExit_revertsWithoutExit() public {
        uint64 slot = _depositCoin(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(CashExitGameBase.NoClaim.selector, slot, alice, false));
        cash.finalizeExit(slot, alice);
    }
}
