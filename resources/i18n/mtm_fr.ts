<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>BlockEditor</name>
    <message>
        <source>Block text</source>
        <translation>Texte du gabarit</translation>
    </message>
</context>
<context>
    <name>BodyChooser</name>
    <message>
        <source>Bodies from</source>
        <translation>Corps pris dans</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corps</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Chart: {name}</source>
        <translation>Barème : {name}</translation>
    </message>
    <message>
        <source>ANSUR II percentiles</source>
        <translation>Centiles ANSUR II</translation>
    </message>
    <message>
        <source>Draft for:</source>
        <translation>Tracer pour :</translation>
    </message>
    <message>
        <source>Body {n}</source>
        <translation>Corps {n}</translation>
    </message>
    <message>
        <source>Man</source>
        <translation>Homme</translation>
    </message>
    <message>
        <source>Woman</source>
        <translation>Femme</translation>
    </message>
    <message>
        <source>{sex} P{percentile}</source>
        <translation>{sex} P{percentile}</translation>
    </message>
    <message>
        <source>Population check</source>
        <translation>Contrôle sur la population</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Pattern checks</source>
        <translation>Contrôles du patron</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Contraintes</translation>
    </message>
    <message>
        <source>Personal alterations</source>
        <translation>Corrections personnelles</translation>
    </message>
    <message>
        <source>replaced by the value chosen</source>
        <translation>remplacée par la valeur choisie</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustement</translation>
    </message>
    <message>
        <source>{measured} (want {target} ± {tolerance})</source>
        <translation>{measured} (visé {target} ± {tolerance})</translation>
    </message>
    <message>
        <source>Seams</source>
        <translation>Coutures</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Pièces</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>non valable</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifié</translation>
    </message>
</context>
<context>
    <name>CustomerActions</name>
    <message>
        <source>Erase customer</source>
        <translation>Effacer le client</translation>
    </message>
    <message>
        <source>Erase {customer} and everything held about them? This cannot be undone.</source>
        <translation>Effacer {customer} et tout ce qui est conservé à son sujet ? C’est irréversible.</translation>
    </message>
    <message>
        <source>This deletes:</source>
        <translation>Ceci supprime :</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Erase — the factory has erased its copies</source>
        <translation>Effacer — l’atelier a effacé ses copies</translation>
    </message>
    <message>
        <source>⚠ not erased: {reason}</source>
        <translation>⚠ non effacé : {reason}</translation>
    </message>
    <message>
        <source>{customer} erased: {what}</source>
        <translation>{customer} effacé : {what}</translation>
    </message>
    <message>
        <source>Export customer</source>
        <translation>Exporter le client</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exporté dans {path}</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>The customer agrees that we keep their measurements</source>
        <translation>Le client accepte que nous conservions ses mesures</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Type the customer&apos;s name.</source>
        <translation>Saisissez le nom du client.</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <source>The customer agrees that we keep their measurements</source>
        <translation>Le client accepte que nous conservions ses mesures</translation>
    </message>
    <message>
        <source>Save details</source>
        <translation>Enregistrer les coordonnées</translation>
    </message>
    <message>
        <source>Measurement sessions</source>
        <translation>Prises de mesures</translation>
    </message>
    <message>
        <source>Compare the two selected sessions</source>
        <translation>Comparer les deux prises de mesures sélectionnées</translation>
    </message>
    <message>
        <source>Sessions compared</source>
        <translation>Prises de mesures comparées</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Première</translation>
    </message>
    <message>
        <source>Second</source>
        <translation>Seconde</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>Measurement sessions side by side (cm)</source>
        <translation>Prises de mesures côte à côte (cm)</translation>
    </message>
    <message>
        <source>Export everything held (JSON)…</source>
        <translation>Exporter tout ce qui est conservé (JSON)…</translation>
    </message>
    <message>
        <source>Erase this customer…</source>
        <translation>Effacer ce client…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>The customer agrees that we keep their measurements (since {day})</source>
        <translation>Le client accepte que nous conservions ses mesures (depuis le {day})</translation>
    </message>
    <message>
        <source>{when} · {count} measurements ({unit})</source>
        <translation>{when} · {count} mesures ({unit})</translation>
    </message>
    <message>
        <source>{field}: now &apos;{value}&apos;</source>
        <translation>{field} : désormais « {value} »</translation>
    </message>
    <message>
        <source>{field}: &apos;{value}&apos;</source>
        <translation>{field} : « {value} »</translation>
    </message>
    <message>
        <source>Changed elsewhere</source>
        <translation>Modifié ailleurs</translation>
    </message>
    <message>
        <source>This customer was changed in another window or store since you opened them:
{theirs}

Your changes:
{mine}</source>
        <translation>Ce client a été modifié dans une autre fenêtre ou une autre boutique depuis que vous l’avez ouvert :
{theirs}

Vos modifications :
{mine}</translation>
    </message>
    <message>
        <source>Save mine over theirs</source>
        <translation>Enregistrer les miennes par-dessus</translation>
    </message>
    <message>
        <source>Keep theirs, drop mine</source>
        <translation>Garder les leurs, abandonner les miennes</translation>
    </message>
    <message>
        <source>Select two sessions to compare</source>
        <translation>Sélectionnez deux prises de mesures à comparer</translation>
    </message>
</context>
<context>
    <name>CustomersPanel</name>
    <message>
        <source>Search name, phone or order…  (Ctrl+F)</source>
        <translation>Chercher un nom, un téléphone ou une commande…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search customers</source>
        <translation>Chercher des clients</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>New customer (Ctrl+N)</source>
        <translation>Nouveau client (Ctrl+N)</translation>
    </message>
</context>
<context>
    <name>EditHistory</name>
    <message>
        <source>change {names}</source>
        <translation>modifier {names}</translation>
    </message>
</context>
<context>
    <name>FabricsPage</name>
    <message>
        <source>Find a fabric</source>
        <translation>Chercher un tissu</translation>
    </message>
    <message>
        <source>Find by code, name or composition…</source>
        <translation>Chercher par référence, nom ou composition…</translation>
    </message>
    <message>
        <source>Fabrics</source>
        <translation>Tissus</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Laize</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Métrage en stock</translation>
    </message>
    <message>
        <source>nap or a one-way print: pieces all one way up</source>
        <translation>tissu à sens (poil ou imprimé) : toutes les pièces dans le même sens</translation>
    </message>
    <message>
        <source>Composition</source>
        <translation>Composition</translation>
    </message>
    <message>
        <source>Usable width</source>
        <translation>Laize utile</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Repeat along the length</source>
        <translation>Raccord en longueur</translation>
    </message>
    <message>
        <source>Repeat across the width</source>
        <translation>Raccord en largeur</translation>
    </message>
    <message>
        <source>Shrinkage</source>
        <translation>Retrait</translation>
    </message>
    <message>
        <source>Price per metre</source>
        <translation>Prix au mètre</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Save fabric</source>
        <translation>Enregistrer le tissu</translation>
    </message>
    <message>
        <source>New fabric</source>
        <translation>Nouveau tissu</translation>
    </message>
    <message>
        <source>Remove from the catalogue…</source>
        <translation>Retirer du catalogue…</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importer un CSV…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Type the fabric&apos;s code (as on the roll&apos;s label).</source>
        <translation>Saisissez la référence du tissu (comme sur l’étiquette du rouleau).</translation>
    </message>
    <message>
        <source>⚠ {0} is already in the catalogue: choose it in the list to change it, or give the new fabric its own code</source>
        <translation>⚠ {0} est déjà au catalogue : choisissez-le dans la liste pour le modifier, ou donnez au nouveau tissu sa propre référence</translation>
    </message>
    <message>
        <source>Fabric {0} saved</source>
        <translation>Tissu {0} enregistré</translation>
    </message>
    <message>
        <source>Remove fabric</source>
        <translation>Retirer le tissu</translation>
    </message>
    <message>
        <source>Remove {0} from the catalogue? Orders keep the code they were given.</source>
        <translation>Retirer {0} du catalogue ? Les commandes gardent la référence qui leur a été donnée.</translation>
    </message>
    <message>
        <source>Fabric {0} removed</source>
        <translation>Tissu {0} retiré</translation>
    </message>
    <message>
        <source>Import fabrics</source>
        <translation>Importer des tissus</translation>
    </message>
    <message>
        <source>⚠ nothing imported: {0}</source>
        <translation>⚠ rien n’a été importé : {0}</translation>
    </message>
    <message>
        <source>{0} fabric(s) imported from {1}</source>
        <translation>{0} tissu(s) importé(s) depuis {1}</translation>
    </message>
    <message>
        <source>Export fabrics</source>
        <translation>Exporter les tissus</translation>
    </message>
    <message>
        <source>Catalogue written to {0}</source>
        <translation>Catalogue écrit dans {0}</translation>
    </message>
</context>
<context>
    <name>FigurationForm</name>
    <message>
        <source>Figuration</source>
        <translation>Conformation</translation>
    </message>
    <message>
        <source>How the customer stands: the blocks alter the pattern for it</source>
        <translation>L’attitude du client : les gabarits corrigent le patron en conséquence</translation>
    </message>
</context>
<context>
    <name>FittingsPanel</name>
    <message>
        <source>withdraw fitting of {fitting}</source>
        <translation>retirer l’essayage du {fitting}</translation>
    </message>
    <message>
        <source>both sides</source>
        <translation>des deux côtés</translation>
    </message>
    <message>
        <source>left only</source>
        <translation>gauche seulement</translation>
    </message>
    <message>
        <source>right only</source>
        <translation>droit seulement</translation>
    </message>
    <message>
        <source>+ lets out or lengthens, − takes in or shortens</source>
        <translation>+ élargit ou rallonge, − resserre ou raccourcit</translation>
    </message>
    <message>
        <source>what the try-on showed</source>
        <translation>ce que l’essayage a montré</translation>
    </message>
    <message>
        <source>the order whose garment was tried on, if any</source>
        <translation>la commande dont le vêtement a été essayé, s’il y en a une</translation>
    </message>
    <message>
        <source>Record fitting</source>
        <translation>Enregistrer l’essayage</translation>
    </message>
    <message>
        <source>Fitting</source>
        <translation>Essayage</translation>
    </message>
    <message>
        <source>Alterations</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Withdraw selected fitting</source>
        <translation>Retirer l’essayage sélectionné</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Endroit</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Côté</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>After order</source>
        <translation>Suite à la commande</translation>
    </message>
    <message>
        <source>Fitted by</source>
        <translation>Essayé par</translation>
    </message>
    <message>
        <source>Fittings: what a try-on changed</source>
        <translation>Essayages : ce qu’un essayage a corrigé</translation>
    </message>
    <message>
        <source>none (a basted fitting)</source>
        <translation>aucune (essayage sur bâti)</translation>
    </message>
    <message>
        <source> · withdrawn</source>
        <translation> · retiré</translation>
    </message>
    <message>
        <source>Fitting recorded: later drafts of this garment apply it.</source>
        <translation>Essayage enregistré : les prochains tracés de ce vêtement l’appliquent.</translation>
    </message>
    <message>
        <source>Select a fitting to withdraw.</source>
        <translation>Sélectionnez l’essayage à retirer.</translation>
    </message>
    <message>
        <source>That fitting is withdrawn already.</source>
        <translation>Cet essayage est déjà retiré.</translation>
    </message>
    <message>
        <source>Fitting withdrawn: its alterations no longer apply.</source>
        <translation>Essayage retiré : ses corrections ne s’appliquent plus.</translation>
    </message>
    <message>
        <source>Fitting put back.</source>
        <translation>Essayage rétabli.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>MTM Studio will speak {language} from its next start.</source>
        <translation>MTM Studio parlera {language} à partir du prochain démarrage.</translation>
    </message>
    <message>
        <source>(MTM_LANGUAGE={code} is set: it still wins.)</source>
        <translation>(MTM_LANGUAGE={code} est défini : il reste prioritaire.)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tailor</source>
        <translation>Tailleur</translation>
    </message>
    <message>
        <source>Factory</source>
        <translation>Atelier de fabrication</translation>
    </message>
    <message>
        <source>Pattern maker</source>
        <translation>Modéliste</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Fabrication</translation>
    </message>
    <message>
        <source>Fabrics</source>
        <translation>Tissus</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>Bureau d’études</translation>
    </message>
    <message>
        <source>⚠ measurements are not kept: the customer has not agreed yet — tick Consent on the Customers page once they have</source>
        <translation>⚠ les mesures ne sont pas conservées : le client n’a pas encore donné son accord — cochez Consentement sur la page Clients dès qu’il l’a donné</translation>
    </message>
    <message>
        <source>Estimate missing (Ctrl+E)</source>
        <translation>Estimer les mesures manquantes (Ctrl+E)</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Prise de mesures</translation>
    </message>
    <message>
        <source>Style and fit</source>
        <translation>Façon et ajustement</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>{garment} v{version}</source>
        <translation>{garment} v{version}</translation>
    </message>
    <message>
        <source>Garment</source>
        <translation>Vêtement</translation>
    </message>
    <message>
        <source> Garment: </source>
        <translation> Vêtement : </translation>
    </message>
    <message>
        <source> Measured by: </source>
        <translation> Mesuré par : </translation>
    </message>
    <message>
        <source>your name, kept with each session</source>
        <translation>votre nom, conservé avec chaque prise de mesures</translation>
    </message>
    <message>
        <source>Measured by</source>
        <translation>Mesuré par</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Pattern</source>
        <translation>&amp;Patron</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Aller à</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Find a customer</source>
        <translation>Chercher un client</translation>
    </message>
    <message>
        <source>Save measurements as a new session (on the Workbench: the block)</source>
        <translation>Enregistrer les mesures comme nouvelle prise de mesures (au bureau d’études : le gabarit)</translation>
    </message>
    <message>
        <source>Confirm order and write its files</source>
        <translation>Confirmer la commande et écrire ses fichiers</translation>
    </message>
    <message>
        <source>Import measurements (JSON, Valentina, Seamly2D)…</source>
        <translation>Importer des mesures (JSON, Valentina, Seamly2D)…</translation>
    </message>
    <message>
        <source>Export measurements to Valentina (.vit)…</source>
        <translation>Exporter les mesures vers Valentina (.vit)…</translation>
    </message>
    <message>
        <source>Export customer (JSON)…</source>
        <translation>Exporter le client (JSON)…</translation>
    </message>
    <message>
        <source>This shop&apos;s name…</source>
        <translation>Nom de cette boutique…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Estimate missing measurements</source>
        <translation>Estimer les mesures manquantes</translation>
    </message>
    <message>
        <source>Fit pattern to window</source>
        <translation>Ajuster le patron à la fenêtre</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>{block} — does not load</source>
        <translation>{block} — ne se charge pas</translation>
    </message>
    <message>
        <source>Your own block: {file}</source>
        <translation>Votre propre gabarit : {file}</translation>
    </message>
    <message>
        <source>estimated, not measured; measure to confirm</source>
        <translation>estimée, non mesurée ; mesurez pour confirmer</translation>
    </message>
    <message>
        <source>Recovered {count} measurements typed at {when} that were not saved (the app was closed unexpectedly); saved as a new session.</source>
        <translation>{count} mesures saisies à {when} et non enregistrées ont été récupérées (l’application s’est fermée inopinément) ; enregistrées comme nouvelle prise de mesures.</translation>
    </message>
    <message>
        <source>⚠ that customer is no longer in the store (erased elsewhere); the list is read again</source>
        <translation>⚠ ce client n’est plus dans la base (effacé ailleurs) ; la liste est relue</translation>
    </message>
    <message>
        <source>Measurements saved as a new session</source>
        <translation>Mesures enregistrées comme nouvelle prise de mesures</translation>
    </message>
    <message>
        <source>⚠ {customer} is no longer in the store (erased elsewhere): nothing typed for them is kept</source>
        <translation>⚠ {customer} n’est plus dans la base (effacé ailleurs) : rien de ce qui est saisi pour ce client n’est conservé</translation>
    </message>
    <message>
        <source>The customer&apos;s pages are a tailor&apos;s: write the selected order&apos;s files, or lay it in a marker, here</source>
        <translation>Les pages du client sont celles du tailleur : écrivez ici les fichiers de la commande sélectionnée, ou mettez-la en placement</translation>
    </message>
    <message>
        <source>MTM Studio — {customer} — {garment} v{version}</source>
        <translation>MTM Studio — {customer} — {garment} v{version}</translation>
    </message>
    <message>
        <source>MTM Studio — {garment} v{version}</source>
        <translation>MTM Studio — {garment} v{version}</translation>
    </message>
    <message>
        <source>This shop</source>
        <translation>Cette boutique</translation>
    </message>
    <message>
        <source>The shop&apos;s name, kept with every order taken here:</source>
        <translation>Le nom de la boutique, gardé avec chaque commande prise ici :</translation>
    </message>
    <message>
        <source>⚠ estimating needs height and chest (or bust): correct {names} first</source>
        <translation>⚠ l’estimation demande la stature et le tour de poitrine : corrigez d’abord {names}</translation>
    </message>
    <message>
        <source>⚠ estimating needs height and chest (or bust)</source>
        <translation>⚠ l’estimation demande la stature et le tour de poitrine</translation>
    </message>
    <message>
        <source>Estimated (measure to confirm): {names}</source>
        <translation>Estimées (mesurez pour confirmer) : {names}</translation>
    </message>
    <message>
        <source>Nothing to estimate: every field is measured</source>
        <translation>Rien à estimer : toutes les mesures sont prises</translation>
    </message>
    <message>
        <source>Correct the measurements marked in red to get size advice.</source>
        <translation>Corrigez les mesures marquées en rouge pour obtenir le conseil de taille.</translation>
    </message>
    <message>
        <source>To draft the {garment}, measure: {names}</source>
        <translation>Pour tracer le patron ({garment}), mesurez : {names}</translation>
    </message>
    <message>
        <source> · {count} measurement warning(s)</source>
        <translation> · {count} avertissement(s) sur les mesures</translation>
    </message>
    <message>
        <source>Pattern checks pass · {pieces} pieces · {ms} ms</source>
        <translation>Contrôles du patron réussis · {pieces} pièces · {ms} ms</translation>
    </message>
    <message>
        <source>Some checks fail: {checks}</source>
        <translation>Des contrôles échouent : {checks}</translation>
    </message>
    <message>
        <source>Derived by the block: {names}</source>
        <translation>Déduites par le gabarit : {names}</translation>
    </message>
    <message>
        <source>estimated: {names}</source>
        <translation>estimées : {names}</translation>
    </message>
    <message>
        <source>All measurements given</source>
        <translation>Toutes les mesures sont prises</translation>
    </message>
</context>
<context>
    <name>MarkerDialog</name>
    <message>
        <source>self</source>
        <translation>tissu principal</translation>
    </message>
    <message>
        <source>lining</source>
        <translation>doublure</translation>
    </message>
    <message>
        <source>interfacing</source>
        <translation>entoilage</translation>
    </message>
    <message>
        <source>contrast</source>
        <translation>tissu contrasté</translation>
    </message>
    <message>
        <source>Lay a marker</source>
        <translation>Faire un placement</translation>
    </message>
    <message>
        <source>nap or a one-way print: no piece turned end for end</source>
        <translation>tissu à sens (poil ou imprimé) : aucune pièce tête-bêche</translation>
    </message>
    <message>
        <source>Usable fabric width</source>
        <translation>Laize utile</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Matière</translation>
    </message>
    <message>
        <source>Time to look for a shorter marker</source>
        <translation>Temps pour chercher un placement plus court</translation>
    </message>
</context>
<context>
    <name>MarkersDialog</name>
    <message>
        <source>Lay markers by fabric</source>
        <translation>Placements par tissu</translation>
    </message>
    <message>
        <source>Each order&apos;s own fabric is laid on its own marker; orders of one fabric share one.</source>
        <translation>Le tissu de chaque commande a son propre placement ; les commandes d’un même tissu le partagent.</translation>
    </message>
    <message>
        <source>Lining</source>
        <translation>Doublure</translation>
    </message>
    <message>
        <source>Interfacing</source>
        <translation>Entoilage</translation>
    </message>
    <message>
        <source>not laid</source>
        <translation>pas de placement</translation>
    </message>
    <message>
        <source>Time per marker</source>
        <translation>Temps par placement</translation>
    </message>
</context>
<context>
    <name>MeasurementFileActions</name>
    <message>
        <source>Measurements (*.json *.vit *.smis);;Valentina (*.vit);;Seamly2D (*.smis);;MTM Studio (*.json)</source>
        <translation>Mesures (*.json *.vit *.smis);;Valentina (*.vit);;Seamly2D (*.smis);;MTM Studio (*.json)</translation>
    </message>
    <message>
        <source>Import measurements</source>
        <translation>Importer des mesures</translation>
    </message>
    <message>
        <source>⚠ nothing imported: {reason}</source>
        <translation>⚠ rien n’a été importé : {reason}</translation>
    </message>
    <message>
        <source>Imported {count} measurements from {file}</source>
        <translation>{count} mesures importées depuis {file}</translation>
    </message>
    <message>
        <source>Export measurements</source>
        <translation>Exporter les mesures</translation>
    </message>
    <message>
        <source>⚠ not exported: {reason}</source>
        <translation>⚠ non exporté : {reason}</translation>
    </message>
    <message>
        <source>Measurements written to {path}</source>
        <translation>Mesures écrites dans {path}</translation>
    </message>
</context>
<context>
    <name>MeasurementForm</name>
    <message>
        <source>derived</source>
        <translation>déduite</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>non mesurée</translation>
    </message>
    <message>
        <source>same</source>
        <translation>identique</translation>
    </message>
    <message>
        <source>only when it differs from the other side; the garment is then drafted per side</source>
        <translation>seulement si elle diffère de l’autre côté ; le vêtement est alors tracé côté par côté</translation>
    </message>
    <message>
        <source>{low}–{high} cm for this block</source>
        <translation>{low}–{high} cm pour ce gabarit</translation>
    </message>
    <message>
        <source>give it instead of {name}</source>
        <translation>à donner à la place de : {name}</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>estimated {value} cm (95 %: {low}–{high}); measure to confirm</source>
        <translation>estimée à {value} cm (95 % : {low}–{high}) ; mesurez pour confirmer</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a length in {unit}</source>
        <translation>« {text} » n’est pas une longueur en {unit}</translation>
    </message>
    <message>
        <source>type a number such as {example} (inches may be 38 1/2)</source>
        <translation>saisissez un nombre comme {example} (en pouces, 38 1/2 est accepté)</translation>
    </message>
    <message>
        <source> (+{count} more: hover the field)</source>
        <translation> (+{count} autres : survolez le champ)</translation>
    </message>
</context>
<context>
    <name>NestView</name>
    <message>
        <source>Size chart to grade on</source>
        <translation>Barème de tailles pour la gradation</translation>
    </message>
    <message>
        <source>Size chart</source>
        <translation>Barème</translation>
    </message>
    <message>
        <source>Nest of sizes</source>
        <translation>Gradué des tailles</translation>
    </message>
    <message>
        <source>Sizes: tick to show</source>
        <translation>Tailles : cocher pour afficher</translation>
    </message>
    <message>
        <source>No size chart serves this block&apos;s wearers.</source>
        <translation>Aucun barème ne convient aux porteurs de ce patron.</translation>
    </message>
    <message>
        <source>size {0}</source>
        <translation>taille {0}</translation>
    </message>
    <message>
        <source>kink</source>
        <translation>coude</translation>
    </message>
    <message>
        <source>Cause: {0}</source>
        <translation>Cause : {0}</translation>
    </message>
    <message>
        <source>size {0} not drafted: {1}</source>
        <translation>taille {0} non tracée : {1}</translation>
    </message>
    <message>
        <source>size {0}: {1}</source>
        <translation>taille {0} : {1}</translation>
    </message>
    <message>
        <source>Not checked for kinks (the sizes differ in structure): {0}</source>
        <translation>Coudes non vérifiés (les tailles diffèrent de structure) : {0}</translation>
    </message>
    <message>
        <source>{0} sizes, sample {1}: the nest grades smoothly, no kink</source>
        <translation>{0} tailles, base {1} : le gradué est régulier, sans coude</translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <source>Fit</source>
        <translation>Ajustement</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Façon</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <source>best so far {length} m</source>
        <translation>meilleur jusqu’ici : {length} m</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <source>Laying the marker (section {section}, {elapsed} s of up to {seconds} s): {best}</source>
        <translation>Placement en cours (section {section}, {elapsed} s sur {seconds} s au plus) : {best}</translation>
    </message>
    <message>
        <source>Laying the marker ({elapsed} s of up to {seconds} s): {best}</source>
        <translation>Placement en cours ({elapsed} s sur {seconds} s au plus) : {best}</translation>
    </message>
    <message>
        <source>{name}: &apos;{text}&apos; is not a number</source>
        <translation>{name} : « {text} » n’est pas un nombre</translation>
    </message>
    <message>
        <source>the customer has not agreed that we keep their measurements (Consent, on the Customers page)</source>
        <translation>le client n’a pas accepté que nous conservions ses mesures (Consentement, sur la page Clients)</translation>
    </message>
    <message>
        <source>the pattern cannot be drafted</source>
        <translation>le patron ne peut pas être tracé</translation>
    </message>
    <message>
        <source>{garment}: {problem}</source>
        <translation>{garment} : {problem}</translation>
    </message>
    <message>
        <source> (+{count} more)</source>
        <translation> (+{count} autres)</translation>
    </message>
    <message>
        <source>⚠ the order was not confirmed — {problems}. Correct the fields marked in red, then confirm again.</source>
        <translation>⚠ la commande n’a pas été confirmée — {problems}. Corrigez les champs marqués en rouge, puis confirmez à nouveau.</translation>
    </message>
    <message>
        <source>Writing the order&apos;s files…</source>
        <translation>Écriture des fichiers de la commande…</translation>
    </message>
    <message>
        <source>⚠ the order was not recorded: {reason}</source>
        <translation>⚠ la commande n’a pas été enregistrée : {reason}</translation>
    </message>
    <message>
        <source>Order {reference} confirmed; files in {folder}</source>
        <translation>Commande {reference} confirmée ; fichiers dans {folder}</translation>
    </message>
    <message>
        <source>An order was confirmed for {customer} since this one was begun ({reference}): it may be this one.</source>
        <translation>Une commande a été confirmée pour {customer} depuis que celle-ci a été commencée ({reference}) : c’est peut-être celle-ci.</translation>
    </message>
    <message>
        <source>⚠ the order was not confirmed — {garment}: {problems}</source>
        <translation>⚠ la commande n’a pas été confirmée — {garment} : {problems}</translation>
    </message>
    <message>
        <source>{option}: {choice}</source>
        <translation>{option} : {choice}</translation>
    </message>
    <message>
        <source>as drafted (defaults)</source>
        <translation>tel que tracé (valeurs par défaut)</translation>
    </message>
    <message>
        <source>{garment} added to the order</source>
        <translation>{garment} ajouté à la commande</translation>
    </message>
    <message>
        <source>Order changed elsewhere</source>
        <translation>Commande modifiée ailleurs</translation>
    </message>
    <message>
        <source>Another window changed or cleared {customer}&apos;s order being made since this one kept it.</source>
        <translation>Une autre fenêtre a modifié ou vidé la commande en cours de {customer} depuis que celle-ci l’a gardée.</translation>
    </message>
    <message>
        <source>Confirm the order on this screen as well? It would be cut as a separate order.</source>
        <translation>Confirmer aussi la commande de cet écran ? Elle serait coupée comme une commande distincte.</translation>
    </message>
    <message>
        <source>Confirm this one as well</source>
        <translation>Confirmer aussi celle-ci</translation>
    </message>
    <message>
        <source>{garment} left out: its block is no longer in the library</source>
        <translation>{garment} laissé de côté : son patron de base n’est plus dans la bibliothèque</translation>
    </message>
    <message>
        <source>{garment} left out: {reason}</source>
        <translation>{garment} laissé de côté : {reason}</translation>
    </message>
    <message>
        <source>{garment} is now cut from version {version} (was {was})</source>
        <translation>{garment} est désormais coupé d’après la version {version} (au lieu de {was})</translation>
    </message>
    <message>
        <source>{customer}&apos;s order, not yet confirmed, is back on the Order page (as kept at {when}).</source>
        <translation>La commande de {customer}, pas encore confirmée, est de retour sur la page Commande (telle que gardée à {when}).</translation>
    </message>
    <message>
        <source>An order was confirmed for them since ({reference}): make sure it is not this one before confirming.</source>
        <translation>Une commande a été confirmée pour ce client depuis ({reference}) : vérifiez que ce n’est pas celle-ci avant de confirmer.</translation>
    </message>
    <message>
        <source>⚠ {code}: this order needs about {needed} m, the stock is {stock} m — order more cloth or choose another fabric for the next garment</source>
        <translation>⚠ {code} : cette commande demande environ {needed} m, le stock est de {stock} m — commandez du tissu ou choisissez-en un autre pour le prochain vêtement</translation>
    </message>
    <message>
        <source>Files written again in {folder}</source>
        <translation>Fichiers réécrits dans {folder}</translation>
    </message>
    <message>
        <source>⚠ {file} is not in the order&apos;s folder: write the order&apos;s files again, then print</source>
        <translation>⚠ {file} n’est pas dans le dossier de la commande : réécrivez les fichiers de la commande, puis imprimez</translation>
    </message>
    <message>
        <source>⚠ not printed: {reason}</source>
        <translation>⚠ non imprimé : {reason}</translation>
    </message>
    <message>
        <source>{file}: {pages} page(s) sent to the printer</source>
        <translation>{file} : {pages} page(s) envoyée(s) à l’imprimante</translation>
    </message>
    <message>
        <source>⚠ select one or more orders for the marker</source>
        <translation>⚠ sélectionnez une ou plusieurs commandes pour le placement</translation>
    </message>
    <message>
        <source>⚠ these orders are cut from different fabrics: lay them from the Production page, which lays one marker per fabric</source>
        <translation>⚠ ces commandes sont coupées dans des tissus différents : faites-les en placement depuis la page Fabrication, qui fait un placement par tissu</translation>
    </message>
    <message>
        <source>Laying the marker (up to {seconds} s)…</source>
        <translation>Placement en cours (jusqu’à {seconds} s)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Marker cancelled: nothing was written</source>
        <translation>Placement annulé : rien n’a été écrit</translation>
    </message>
    <message>
        <source>⚠ no marker: {reason}</source>
        <translation>⚠ pas de placement : {reason}</translation>
    </message>
    <message>
        <source>Marker: {pieces} pieces, {length} cm of {width} cm {material}, utilisation {use}; files in {folder}</source>
        <translation>Placement : {pieces} pièces, {length} cm de {material} en {width} cm de laize, efficience {use} ; fichiers dans {folder}</translation>
    </message>
</context>
<context>
    <name>OrderPanel</name>
    <message>
        <source>catalogue code or name, or describe</source>
        <translation>référence ou nom du catalogue, ou description</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non fixée</translation>
    </message>
    <message>
        <source>Confirm order and write its files (Ctrl+Return)</source>
        <translation>Confirmer la commande et écrire ses fichiers (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>The customer&apos;s orders</source>
        <translation>Les commandes du client</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Garment</source>
        <translation>Vêtement</translation>
    </message>
    <message>
        <source>The garments of this order</source>
        <translation>Les vêtements de cette commande</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Own fabric</source>
        <translation>Son tissu</translation>
    </message>
    <message>
        <source>A garment cut from another cloth than the order&apos;s: double-click its row and type it</source>
        <translation>Un vêtement coupé dans un autre tissu que celui de la commande : double-cliquez sur sa ligne et saisissez-le</translation>
    </message>
    <message>
        <source>Add the garment shown</source>
        <translation>Ajouter le vêtement affiché</translation>
    </message>
    <message>
        <source>Add the garment on the Style and fit page, with the options chosen there, to this order</source>
        <translation>Ajouter à cette commande le vêtement de la page Façon et ajustement, avec les options choisies</translation>
    </message>
    <message>
        <source>Remove the selected</source>
        <translation>Retirer la sélection</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Write the selected order&apos;s files again</source>
        <translation>Réécrire les fichiers de la commande sélectionnée</translation>
    </message>
    <message>
        <source>Open the selected order&apos;s folder</source>
        <translation>Ouvrir le dossier de la commande sélectionnée</translation>
    </message>
    <message>
        <source>Print the selected order…</source>
        <translation>Imprimer la commande sélectionnée…</translation>
    </message>
    <message>
        <source>Cut ticket…</source>
        <translation>Bon de coupe…</translation>
    </message>
    <message>
        <source>Pattern pages (tiled, 100 %)…</source>
        <translation>Pages du patron (assemblées, 100 %)…</translation>
    </message>
    <message>
        <source>Preview the cut ticket</source>
        <translation>Aperçu du bon de coupe</translation>
    </message>
    <message>
        <source>Preview the pattern pages</source>
        <translation>Aperçu des pages du patron</translation>
    </message>
    <message>
        <source>Lay the selected orders in a marker…</source>
        <translation>Mettre les commandes sélectionnées en placement…</translation>
    </message>
    <message>
        <source>Garments</source>
        <translation>Vêtements</translation>
    </message>
    <message>
        <source>Fabric</source>
        <translation>Tissu</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Confirm orders these garments, cut from the measurements on the Measure page. Double-click a garment&apos;s fabric to cut it from another cloth than the order&apos;s.</source>
        <translation>Confirmer commande ces vêtements, coupés d’après les mesures de la page Prise de mesures. Double-cliquez sur le tissu d’un vêtement pour le couper dans un autre tissu que celui de la commande.</translation>
    </message>
    <message>
        <source>Confirm orders the garment on the Style and fit page ({garment}). For a suit, add each garment: choose it and its options on the Style and fit page, then add it here.</source>
        <translation>Confirmer commande le vêtement de la page Façon et ajustement ({garment}). Pour un costume, ajoutez chaque vêtement : choisissez-le avec ses options sur la page Façon et ajustement, puis ajoutez-le ici.</translation>
    </message>
</context>
<context>
    <name>PatternView</name>
    <message>
        <source>Out of date: this is the last good pattern, not the measurements now on the form</source>
        <translation>Périmé : ceci est le dernier patron valable, pas celui des mesures saisies</translation>
    </message>
    <message>
        <source>place on fold</source>
        <translation>placer au pli</translation>
    </message>
</context>
<context>
    <name>PopulationPanel</name>
    <message>
        <source>Bodies to draft</source>
        <translation>Corps à tracer</translation>
    </message>
    <message>
        <source>Bodies</source>
        <translation>Corps</translation>
    </message>
    <message>
        <source>The two option sets to draft with</source>
        <translation>Les deux jeux d&apos;options à tracer</translation>
    </message>
    <message>
        <source>Run the check</source>
        <translation>Lancer la vérification</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Bodies drafted</source>
        <translation>Corps tracés</translation>
    </message>
    <message>
        <source>Not run yet: choose the two option sets, then run the check.</source>
        <translation>Pas encore lancée : choisissez les deux jeux d&apos;options, puis lancez la vérification.</translation>
    </message>
    <message>
        <source>Failures and refusals by reason; click a body to draft it</source>
        <translation>Échecs et refus par motif ; cliquez un corps pour le tracer</translation>
    </message>
    <message>
        <source>Reason / body</source>
        <translation>Motif / corps</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Options {0}</source>
        <translation>Options {0}</translation>
    </message>
    <message>
        <source>{0} bodies given</source>
        <translation>{0} corps fournis</translation>
    </message>
    <message>
        <source>ANSUR II men</source>
        <translation>ANSUR II hommes</translation>
    </message>
    <message>
        <source>ANSUR II women</source>
        <translation>ANSUR II femmes</translation>
    </message>
    <message>
        <source>Drafting {0} bodies with options A, then B…</source>
        <translation>Tracé de {0} corps avec les options A, puis B…</translation>
    </message>
    <message>
        <source>Options {0}: {1} valid, {2} refused, {3} failed</source>
        <translation>Options {0} : {1} valides, {2} refusés, {3} en échec</translation>
    </message>
    <message>
        <source>cancelled after {0} of {1} drafts</source>
        <translation>annulée après {0} tracés sur {1}</translation>
    </message>
    <message>
        <source>✗ Fails: {0} — {1} bodies</source>
        <translation>✗ Échec : {0} — {1} corps</translation>
    </message>
    <message>
        <source>⊘ Refused: {0} — {1} bodies</source>
        <translation>⊘ Refus : {0} — {1} corps</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>{file} cannot be read as a PDF ({reason})</source>
        <translation>{file} ne peut pas être lu comme PDF ({reason})</translation>
    </message>
    <message>
        <source>write the order&apos;s files again, then print</source>
        <translation>réécrivez les fichiers de la commande, puis imprimez</translation>
    </message>
    <message>
        <source>the printer &apos;{printer}&apos; cannot start a job</source>
        <translation>l’imprimante « {printer} » ne peut pas démarrer d’impression</translation>
    </message>
    <message>
        <source>check the printer, then try again</source>
        <translation>vérifiez l’imprimante, puis réessayez</translation>
    </message>
</context>
<context>
    <name>ProductionPage</name>
    <message>
        <source>Find or scan an order</source>
        <translation>Chercher ou scanner une commande</translation>
    </message>
    <message>
        <source>Scan a ticket or type a reference or name…</source>
        <translation>Scannez un bon ou saisissez une référence ou un nom…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>open orders</source>
        <translation>commandes en cours</translation>
    </message>
    <message>
        <source>every status</source>
        <translation>tous les états</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Échéance avant le</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>toute date</translation>
    </message>
    <message>
        <source>Fabric</source>
        <translation>Tissu</translation>
    </message>
    <message>
        <source>fabric code or words</source>
        <translation>référence ou mots du tissu</translation>
    </message>
    <message>
        <source>Garment</source>
        <translation>Vêtement</translation>
    </message>
    <message>
        <source>every garment</source>
        <translation>tous les vêtements</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>Production queue</source>
        <translation>File de fabrication</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>every shop</source>
        <translation>toutes les boutiques</translation>
    </message>
    <message>
        <source>Next status</source>
        <translation>État suivant</translation>
    </message>
    <message>
        <source>Move the selected orders</source>
        <translation>Passer les commandes sélectionnées</translation>
    </message>
    <message>
        <source>Write the selected orders&apos; files…</source>
        <translation>Écrire les fichiers des commandes sélectionnées…</translation>
    </message>
    <message>
        <source>Lay the selected orders in markers…</source>
        <translation>Mettre les commandes sélectionnées en placements…</translation>
    </message>
    <message>
        <source>Print a marker…</source>
        <translation>Imprimer un placement…</translation>
    </message>
    <message>
        <source>Queue for the workers</source>
        <translation>Confier aux postes de production</translation>
    </message>
    <message>
        <source>Files and markers are made by the factory&apos;s worker machines instead of this computer; their jobs are listed under Worker jobs</source>
        <translation>Les fichiers et les placements sont faits par les postes de production de l&apos;atelier au lieu de cet ordinateur ; leurs tâches sont listées sous Tâches de production</translation>
    </message>
    <message>
        <source>Order history</source>
        <translation>Historique de la commande</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Worker jobs of the selected orders</source>
        <translation>Tâches de production des commandes sélectionnées</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Travail</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Essais</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Mise en file</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Worker jobs</source>
        <translation>Tâches de production</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Passer à</translation>
    </message>
    <message>
        <source>No order {0}: scan the ticket again or type the reference</source>
        <translation>Aucune commande {0} : scannez le bon à nouveau ou saisissez la référence</translation>
    </message>
    <message>
        <source>files</source>
        <translation>fichiers</translation>
    </message>
    <message>
        <source>marker</source>
        <translation>placement</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>done</source>
        <translation>faite</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>{0} file(s)</source>
        <translation>{0} fichier(s)</translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>Annuler des commandes</translation>
    </message>
    <message>
        <source>Why are these orders cancelled?</source>
        <translation>Pourquoi ces commandes sont-elles annulées ?</translation>
    </message>
    <message>
        <source>⚠ nothing cancelled: say why the orders are cancelled</source>
        <translation>⚠ rien n’a été annulé : indiquez pourquoi les commandes sont annulées</translation>
    </message>
    <message>
        <source>{0} order(s) now {1}</source>
        <translation>{0} commande(s) désormais : {1}</translation>
    </message>
    <message>
        <source>Left out, not to be cut: {0}</source>
        <translation>Laissées de côté, à ne pas couper : {0}</translation>
    </message>
    <message>
        <source>{0} job(s) queued for the workers ({1} already waiting)</source>
        <translation>{0} tâche(s) confiée(s) aux postes de production ({1} déjà en attente)</translation>
    </message>
    <message>
        <source>Writing the files of {0} order(s)…</source>
        <translation>Écriture des fichiers de {0} commande(s)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>{0} written, {1} failed</source>
        <translation>{0} écrite(s), {1} en échec</translation>
    </message>
    <message>
        <source>; cancelled, {0} not started</source>
        <translation> ; annulé, {0} non commencée(s)</translation>
    </message>
    <message>
        <source>The markers of {0} order(s) queued for the workers</source>
        <translation>Les placements de {0} commande(s) confiés aux postes de production</translation>
    </message>
    <message>
        <source>Laying {0} marker(s)…</source>
        <translation>{0} placement(s) en cours…</translation>
    </message>
    <message>
        <source>{fabric} {material}: {result}</source>
        <translation>{fabric} {material} : {result}</translation>
    </message>
    <message>
        <source>{length} cm, {use} %</source>
        <translation>{length} cm, {use} %</translation>
    </message>
    <message>
        <source>cancelled: {0} marker(s) not laid</source>
        <translation>annulé : {0} placement(s) non faits</translation>
    </message>
    <message>
        <source>Markers in {0}: </source>
        <translation>Placements dans {0} : </translation>
    </message>
    <message>
        <source>No marker laid: </source>
        <translation>Aucun placement : </translation>
    </message>
    <message>
        <source>Print a marker</source>
        <translation>Imprimer un placement</translation>
    </message>
    <message>
        <source>Marker plots (marker-*.pdf)</source>
        <translation>Tracés de placement (marker-*.pdf)</translation>
    </message>
    <message>
        <source>⚠ not printed: {0}</source>
        <translation>⚠ non imprimé : {0}</translation>
    </message>
    <message>
        <source>{0}: {1} page(s) sent to the printer</source>
        <translation>{0} : {1} page(s) envoyée(s) à l’imprimante</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — MTM Studio</source>
        <translation>Connexion — MTM Studio</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>This database is shared: sign in to work with your role&apos;s tasks.</source>
        <translation>Cette base est partagée : connectez-vous pour travailler avec les tâches de votre rôle.</translation>
    </message>
    <message>
        <source>The login or the password is wrong: type them again, or ask an administrator.</source>
        <translation>L’identifiant ou le mot de passe est faux : saisissez-les à nouveau, ou demandez à un administrateur.</translation>
    </message>
</context>
<context>
    <name>SizePanel</name>
    <message>
        <source>closer than usual</source>
        <translation>plus près du corps que d’habitude</translation>
    </message>
    <message>
        <source>as usual</source>
        <translation>comme d’habitude</translation>
    </message>
    <message>
        <source>more room than usual</source>
        <translation>plus d’aisance que d’habitude</translation>
    </message>
    <message>
        <source>✓ stock size fits</source>
        <translation>✓ la taille standard convient</translation>
    </message>
    <message>
        <source>✗ made-to-measure</source>
        <translation>✗ sur mesure</translation>
    </message>
    <message>
        <source>size</source>
        <translation>taille</translation>
    </message>
    <message>
        <source>customer − size ({unit})</source>
        <translation>client − taille ({unit})</translation>
    </message>
    <message>
        <source>alter ({unit})</source>
        <translation>corriger ({unit})</translation>
    </message>
    <message>
        <source>{verdict}
Source: {source}</source>
        <translation>{verdict}
Source : {source}</translation>
    </message>
    <message>
        <source>Use this fit</source>
        <translation>Prendre cet ajustement</translation>
    </message>
    <message>
        <source>The customer likes it</source>
        <translation>Le client le préfère</translation>
    </message>
    <message>
        <source>A stock size fits when chest or bust, waist and seat are all within the chart&apos;s tolerance; lengths are altered on any size.</source>
        <translation>Une taille standard convient quand la poitrine, la taille et les hanches sont toutes dans la tolérance du barème ; les longueurs se corrigent sur toute taille.</translation>
    </message>
    <message>
        <source>This garment has no fit presets.</source>
        <translation>Ce vêtement n’a pas d’ajustements prédéfinis.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended fit: {fit}&lt;/b&gt; ({reason})</source>
        <translation>&lt;b&gt;Ajustement conseillé : {fit}&lt;/b&gt; ({reason})</translation>
    </message>
</context>
<context>
    <name>TapeSpinBox</name>
    <message>
        <source>Show in {unit}</source>
        <translation>Afficher en {unit}</translation>
    </message>
</context>
<context>
    <name>TaskPages</name>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
</context>
<context>
    <name>ValueInspector</name>
    <message>
        <source>Click a point, or rest the pointer on a name in the text.</source>
        <translation>Cliquez sur un point, ou posez le pointeur sur un nom dans le texte.</translation>
    </message>
    <message>
        <source>Values for this body</source>
        <translation>Valeurs pour ce corps</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>For this body</source>
        <translation>Pour ce corps</translation>
    </message>
    <message>
        <source>point {name}: x {x} mm, y {y} mm</source>
        <translation>point {name} : x {x} mm, y {y} mm</translation>
    </message>
    <message>
        <source>{name} = {value}</source>
        <translation>{name} = {value}</translation>
    </message>
    <message>
        <source>curve {name}</source>
        <translation>courbe {name}</translation>
    </message>
</context>
<context>
    <name>VersionsPanel</name>
    <message>
        <source>Version A (drawn grey, dashed)</source>
        <translation>Version A (en gris, tirets)</translation>
    </message>
    <message>
        <source>Version B (drawn in colour)</source>
        <translation>Version B (en couleur)</translation>
    </message>
    <message>
        <source>Save as new version</source>
        <translation>Enregistrer une nouvelle version</translation>
    </message>
    <message>
        <source>Save the text with the next version number; the text it replaces is kept, and orders keep the text they were cut with</source>
        <translation>Enregistre le texte sous le numéro de version suivant ; le texte remplacé est gardé, et les commandes gardent le texte avec lequel elles ont été coupées</translation>
    </message>
    <message>
        <source>Release to every shop</source>
        <translation>Diffuser à toutes les boutiques</translation>
    </message>
    <message>
        <source>Every shop sharing this database drafts with this version from the next time it opens (orders keep theirs)</source>
        <translation>Chaque boutique qui partage cette base trace avec cette version dès sa prochaine ouverture (les commandes gardent la leur)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>Choose two versions, then Compare: B is drawn over A for the body the preview drafts.</source>
        <translation>Choisissez deux versions, puis Comparer : B est dessinée sur A pour le corps tracé dans l’aperçu.</translation>
    </message>
    <message>
        <source>Both versions&apos; pieces, B over A</source>
        <translation>Les pièces des deux versions, B sur A</translation>
    </message>
    <message>
        <source>What differs between the two versions</source>
        <translation>Ce qui diffère entre les deux versions</translation>
    </message>
    <message>
        <source>Piece or check</source>
        <translation>Pièce ou contrôle</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Écart</translation>
    </message>
    <message>
        <source>current</source>
        <translation>actuelle</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>gardée</translation>
    </message>
    <message>
        <source>overridden</source>
        <translation>remplacée</translation>
    </message>
    <message>
        <source>v{version} ({where})</source>
        <translation>v{version} ({where})</translation>
    </message>
    <message>
        <source>v{a} → v{b}: {pieces} piece(s) changed, {checks} check(s) differ</source>
        <translation>v{a} → v{b} : {pieces} pièce(s) modifiée(s), {checks} contrôle(s) différent(s)</translation>
    </message>
    <message>
        <source>{area} cm²</source>
        <translation>{area} cm²</translation>
    </message>
    <message>
        <source>added</source>
        <translation>ajoutée</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>retirée</translation>
    </message>
    <message>
        <source>Fit check</source>
        <translation>Ajustement</translation>
    </message>
    <message>
        <source>Seam pair</source>
        <translation>Couture</translation>
    </message>
    <message>
        <source>Body refused</source>
        <translation>Corps refusé</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Contour</translation>
    </message>
    <message>
        <source>result changed</source>
        <translation>résultat modifié</translation>
    </message>
    <message>
        <source>now fails</source>
        <translation>échoue désormais</translation>
    </message>
    <message>
        <source>now passes</source>
        <translation>passe désormais</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>Block to edit</source>
        <translation>Gabarit à modifier</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save the text as typed (Ctrl+S); a shipped block is saved as your own, in {folder}</source>
        <translation>Enregistrer le texte tel que saisi (Ctrl+S) ; un gabarit livré est enregistré comme le vôtre, dans {folder}</translation>
    </message>
    <message>
        <source>Show every named point and curve, the pieces where the block drafts them; click a point for its value</source>
        <translation>Montrer chaque point et courbe nommés, les pièces là où le gabarit les trace ; cliquez sur un point pour sa valeur</translation>
    </message>
    <message>
        <source>Fit to view</source>
        <translation>Ajuster à la vue</translation>
    </message>
    <message>
        <source>Out of date: the last good draft, not the text as it is now</source>
        <translation>Périmé : le dernier tracé valable, pas le texte tel qu’il est maintenant</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Valeurs</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>Gabarit :</translation>
    </message>
    <message>
        <source>Construction lines</source>
        <translation>Lignes de construction</translation>
    </message>
    <message>
        <source>Style options</source>
        <translation>Options de façon</translation>
    </message>
    <message>
        <source>{garment} (shipped)</source>
        <translation>{garment} (livré)</translation>
    </message>
    <message>
        <source>{garment} — {file} (yours)</source>
        <translation>{garment} — {file} (le vôtre)</translation>
    </message>
    <message>
        <source>does not load</source>
        <translation>ne se charge pas</translation>
    </message>
    <message>
        <source>✎ Your changes to this block that were not saved are back: Save to keep them</source>
        <translation>✎ Vos modifications non enregistrées de ce patron sont revenues : enregistrez pour les garder</translation>
    </message>
    <message>
        <source>✗ not saved: {reason}</source>
        <translation>✗ non enregistré : {reason}</translation>
    </message>
    <message>
        <source>✗ not saved as a new version: {reason}</source>
        <translation>✗ non enregistré comme nouvelle version : {reason}</translation>
    </message>
    <message>
        <source>✓ saved as version {version}; the text before it is kept</source>
        <translation>✓ enregistré comme version {version} ; le texte précédent est gardé</translation>
    </message>
    <message>
        <source>✗ not released: save the text first, then release what is saved</source>
        <translation>✗ non diffusé : enregistrez d’abord le texte, puis diffusez ce qui est enregistré</translation>
    </message>
    <message>
        <source>✗ not released: {reason}</source>
        <translation>✗ non diffusé : {reason}</translation>
    </message>
    <message>
        <source>✓ {block} v{version} released: every shop drafts with it from its next start</source>
        <translation>✓ {block} v{version} diffusé : chaque boutique trace avec lui dès son prochain démarrage</translation>
    </message>
    <message>
        <source>choose a body the block drafts for first</source>
        <translation>choisissez d’abord un corps pour lequel le patron se trace</translation>
    </message>
    <message>
        <source>Save the block as your own</source>
        <translation>Enregistrer le gabarit comme le vôtre</translation>
    </message>
    <message>
        <source>Blocks (*.yaml)</source>
        <translation>Gabarits (*.yaml)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>The block&apos;s text has changes that are not saved. Leave them?</source>
        <translation>Le texte du gabarit a des modifications non enregistrées. Les abandonner ?</translation>
    </message>
    <message>
        <source>Changed on disk</source>
        <translation>Modifié sur le disque</translation>
    </message>
    <message>
        <source>{file} was changed by another program, and the text here has changes that are not saved. Read the file again and lose them?</source>
        <translation>{file} a été modifié par un autre programme, et le texte ici a des modifications non enregistrées. Relire le fichier et les perdre ?</translation>
    </message>
    <message>
        <source>Read again: the file was changed outside the workbench</source>
        <translation>Relu : le fichier a été modifié hors du bureau d’études</translation>
    </message>
    <message>
        <source>shipped, read-only: saving makes it yours</source>
        <translation>livré, en lecture seule : l’enregistrer en fait le vôtre</translation>
    </message>
    <message>
        <source>{where} · {state}</source>
        <translation>{where} · {state}</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>enregistré</translation>
    </message>
    <message>
        <source>changed, not saved</source>
        <translation>modifié, non enregistré</translation>
    </message>
    <message>
        <source>this customer has no measurements: choose another body to draft for</source>
        <translation>ce client n’a pas de mesures : choisissez un autre corps pour le tracé</translation>
    </message>
    <message>
        <source>✓ {pieces} pieces for {body}, every check passes · {ms} ms</source>
        <translation>✓ {pieces} pièces pour {body}, tous les contrôles passent · {ms} ms</translation>
    </message>
    <message>
        <source>⚠ {pieces} pieces for {body}; checks fail: {checks}</source>
        <translation>⚠ {pieces} pièces pour {body} ; contrôles en échec : {checks}</translation>
    </message>
    <message>
        <source>Nest of sizes</source>
        <translation>Gradué des tailles</translation>
    </message>
    <message>
        <source>Population check</source>
        <translation>Contrôle sur la population</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>line {line}: </source>
        <translation>ligne {line} : </translation>
    </message>
</context>
</TS>
