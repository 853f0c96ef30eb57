// Every page of the explorer and wallet; each module registers itself (lib/registry.js).
import './blocks.js';
import './block.js';
import './tx.js';
import './address.js';
import './coin.js';
import './exits.js';
import './events.js';
import './search.js';
import './wallet.js';
