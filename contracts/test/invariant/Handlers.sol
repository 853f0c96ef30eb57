// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {World} from "./World.sol";

/// @notice Honest users: deposit every kind of token, pay each other in valid blocks and in flight, exit
///         by standard, in-flight and mass exits (their own batches and batches the watcher starts with
///         their consents), hold, move and exit coins, and withdraw.
contract HonestUsers {
    World internal immutable w;

    constructor(World world) {
        w = world;
    }

    function deposit(uint256 who, uint256 tok, uint256 amount) external {
        w.honestDeposit(who, tok, amount);
    }

    function pay(uint256 seed, uint256 to, uint256 amount, bool two) external {
        w.honestPay(seed, to, amount, two);
    }

    function payInFlight(uint256 seed, uint256 to, uint256 amount) external {
        w.honestPayInFlight(seed, to, amount);
    }

    function standardExit(uint256 seed) external {
        w.honestStandardExit(seed);
    }

    function massExit(uint256 seed, uint256 count) external {
        w.honestMassExit(seed, count);
    }

    function massExitByConsent(uint256 seed, uint256 count) external {
        w.honestMassExitByConsent(seed, count);
    }

    function withdrawBatch(uint256 seed) external {
        w.honestWithdrawBatch(seed);
    }

    function pullCredits(uint256 seed) external {
        w.honestPullCredits(seed);
    }

    function depositCoin(uint256 who, uint256 tok, uint256 amount) external {
        w.honestDepositCoin(who, tok, amount);
    }

    function transferCoins(uint256 seed, uint256 to, bool two) external {
        w.honestTransferCoins(seed, to, two);
    }

    function exitCoin(uint256 seed) external {
        w.honestExitCoin(seed);
    }

    function checkpointCoin(uint256 seed) external {
        w.honestCheckpointCoin(seed);
    }

    function withdrawCoins(uint256 seed) external {
        w.honestWithdrawCoins(seed);
    }
}

/// @notice The operator, hostile: commits blocks with forged outputs (a little, all the vault holds, or
///         almost 2^256), unsigned spends of others' outputs and the attacker's double spends, and coin
///         blocks with transfers of coins their owners never signed.
contract HostileOperator {
    World internal immutable w;

    constructor(World world) {
        w = world;
    }

    function forge(uint256 tok, uint256 amount, uint256 shape, uint256 victim) external {
        w.operatorForge(tok, amount, shape, victim);
    }

    function forgeAndExit(uint256 tok, uint256 amount, uint256 victim, uint256 how) external {
        w.operatorForgeAndExit(tok, amount, victim, how);
    }

    function forgeCoinTransfer(uint256 seed) external {
        w.operatorForgeCoinTransfer(seed);
    }
}

/// @notice The attacker (with the operator's help and an accomplice contract): exits what it spent or the
///         operator forged, duplicates and replays exits and consents, rides a forgery on a fresh deposit in
///         flight, double-signs, self-challenges, pauses and blocks tokens, processes queues when it suits it,
///         reenters a settlement from a callback token's hook, freezes coins with self-filed challenges and
///         griefs honest exits with bonded challenges.
contract Attacker {
    World internal immutable w;

    constructor(World world) {
        w = world;
    }

    function deposit(uint256 tok, uint256 amount) external {
        w.attackerDeposit(tok, amount);
    }

    function pay(uint256 seed, uint256 to, uint256 amount) external {
        w.attackerPay(seed, to, amount);
    }

    function standardExit(uint256 seed, bool forged) external {
        w.attackerStandardExit(seed, forged);
    }

    function replayStandardExit(uint256 seed) external {
        w.attackerReplayStandardExit(seed);
    }

    function massExit(uint256 seed, uint256 count, bool forged) external {
        w.attackerMassExit(seed, count, forged);
    }

    function duplicateExits(uint256 seed, uint256 copies, uint256 mode) external {
        w.attackerDuplicateExits(seed, copies, mode);
    }

    function inFlightWithFreshDeposit(uint256 seed) external {
        w.attackerInFlightWithFreshDeposit(seed);
    }

    function batchConsentWithForgery(uint256 seed, uint256 amountSeed) external {
        w.attackerBatchesConsentWithForgery(seed, amountSeed);
    }

    function startConsentedBatchLate(uint256 seed, uint256 amountSeed) external {
        w.attackerStartsConsentedBatchLate(seed, amountSeed);
    }

    function spendOwnLeafInFlight(uint256 seed, uint256 honestSeed) external {
        w.attackerSpendsOwnLeafInFlight(seed, honestSeed);
    }

    function spendProcessedLeafInFlight(uint256 seed) external {
        w.attackerSpendsProcessedLeafInFlight(seed);
    }

    function reenterSettlement(uint256 amountSeed) external {
        w.attackerReentersSettlement(amountSeed);
    }

    function inFlightDoubleSpend(uint256 seed, uint256 piggybacks) external {
        w.attackerInFlightDoubleSpend(seed, piggybacks);
    }

    function piggyback(uint256 seed) external {
        w.attackerPiggyback(seed);
    }

    function selfChallenge(uint256 seed, bool mass) external {
        w.attackerSelfChallenge(seed, mass);
    }

    function process(uint256 tok, uint256 maxExits) external {
        w.attackerProcess(tok, maxExits);
    }

    function pause(bool paused) external {
        w.attackerPause(paused);
    }

    function blockAccount(uint256 account, bool fee, bool blocked, bool returnsFalse) external {
        w.attackerBlock(account, fee, blocked, returnsFalse);
    }

    function withdraw(uint256 seed) external {
        w.attackerWithdraw(seed);
    }

    function depositCoin(uint256 tok, uint256 amount) external {
        w.attackerDepositCoin(tok, amount);
    }

    function transferCoin(uint256 seed, uint256 to) external {
        w.attackerTransferCoin(seed, to);
    }

    function exitSoldCoin(uint256 seed, bool doubleSpend) external {
        w.attackerExitSoldCoin(seed, doubleSpend);
    }

    function freezeCoin(uint256 seed, bool checkpoint) external {
        w.attackerFreezeCoin(seed, checkpoint);
    }

    function exitForgedCoin(uint256 seed, bool checkpoint) external {
        w.attackerExitForgedCoin(seed, checkpoint);
    }

    function griefCoin(uint256 seed) external {
        w.attackerGriefCoin(seed);
    }
}

/// @notice The watcher and the clock: time passes (up to 2 MEP per move) and, at every step
///         that matters, the honest side challenges what is provably invalid, piggybacks, answers,
///         exits after an invalid block, processes matured exits and finalizes matured claims.
contract Watcher {
    World internal immutable w;

    constructor(World world) {
        w = world;
    }

    function patrol() external {
        w.patrol();
    }

    function advance(uint256 secs) external {
        w.advance(secs);
    }

    function advanceToNextMaturity() external {
        w.advanceToNextMaturity();
    }

    function advanceHalfAPeriod() external {
        w.advance(1 days / 2);
    }

    function advanceAPeriod() external {
        w.advance(1 days);
    }
}
